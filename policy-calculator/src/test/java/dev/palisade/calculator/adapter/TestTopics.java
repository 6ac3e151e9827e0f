package dev.palisade.calculator.adapter;

import dev.palisade.kafka.EndOffsetReplay;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes resource events as ingest-service does and reads whole topics back, against a real broker. */
final class TestTopics {

    static final ResourceCodec CODEC = new ResourceCodec();
    private static final ResourceEventCodec EVENTS = new ResourceEventCodec(CODEC);
    private static final DataplaneCodec DATAPLANE = new DataplaneCodec();

    /** Client properties: the bootstrap servers and, for a secured broker, the login. */
    private final Map<String, Object> client;

    TestTopics(String bootstrap) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    TestTopics(Map<String, Object> client) {
        this.client = Map.copyOf(client);
    }

    static Resource yaml(String text) {
        List<Decoded> decoded = CODEC.decodeAll(text);
        if (decoded.size() != 1 || !(decoded.getFirst() instanceof Decoded.Ok ok)) {
            throw new IllegalArgumentException("bad test resource: " + decoded);
        }
        return ok.resource();
    }

    void upsert(String topic, long revision, Resource resource) {
        send(topic, resource.key().toString(), EVENTS.encode(ResourceEvent.upsert(revision, resource, false)));
    }

    void delete(String topic, long revision, ResourceKey key) {
        send(topic, key.toString(), EVENTS.encode(ResourceEvent.deleted(revision, key)));
    }

    void send(String topic, String key, byte[] value) {
        send(topic, null, key, value);
    }

    void send(String topic, Integer partition, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    /** Every record of the topic, all partitions, in offset order per partition. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (var consumer = new KafkaConsumer<>(client, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            EndOffsetReplay replay = EndOffsetReplay.fromBeginning(consumer, partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            while (!replay.reached()) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    long recordCount(String topic) {
        return readAll(topic).size();
    }

    /** Where each partition ends now: mark a point to read what was published after it. */
    Map<Integer, Long> mark(String topic) {
        Map<Integer, Long> end = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
            end.merge(record.partition(), record.offset() + 1, Math::max);
        }
        return end;
    }

    /** Records published after {@code mark}; offsets order them within a partition, hence within a node. */
    List<ConsumerRecord<String, byte[]>> since(String topic, Map<Integer, Long> mark) {
        return readAll(topic).stream().filter(r -> r.offset() >= mark.getOrDefault(r.partition(), 0L)).toList();
    }

    static DataplaneMessage decode(ConsumerRecord<String, byte[]> record) {
        return DATAPLANE.decode(record.key(), record.value());
    }

    /** The topic as a driver that replayed it sees it: latest value per key, tombstones removed. */
    Map<DataplaneKey, DataplaneMessage> compacted(String topic) {
        Map<DataplaneKey, DataplaneMessage> state = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
            DataplaneMessage message = decode(record);
            if (message.isTombstone()) {
                state.remove(message.key());
            } else {
                state.put(message.key(), message);
            }
        }
        return state;
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
