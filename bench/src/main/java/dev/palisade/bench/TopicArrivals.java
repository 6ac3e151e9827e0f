package dev.palisade.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes when each revision arrives on a topic (from the {@code palisade-revision} header), read by a
 * consumer that polls without pause so the arrival time is what the broker makes visible, not a batch delay.
 */
final class TopicArrivals implements RevisionTimes, AutoCloseable {

    private static final String REVISION_HEADER = "palisade-revision";

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Long, Long> arrivalNanos = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    TopicArrivals(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.isEmpty()) {
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " did not appear within 60 s");
            }
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (TimeoutException e) {
                // a busy broker answers metadata late; ask again until the deadline
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = Thread.ofPlatform().name("topic-arrivals").start(this::read);
    }

    @Override
    public Long seen(long revision) {
        return arrivalNanos.get(revision);
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Header header = record.headers().lastHeader(REVISION_HEADER);
                    if (header != null) {
                        arrivalNanos.putIfAbsent(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)), now);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(Duration.ofSeconds(10));
    }
}
