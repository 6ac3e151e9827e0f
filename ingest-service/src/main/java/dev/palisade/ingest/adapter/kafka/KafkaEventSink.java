package dev.palisade.ingest.adapter.kafka;

import dev.palisade.ingest.core.publish.EventSink;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes events to {@code palisade.resources}: key {@code Kind/namespace/name}, value the JSON event, the
 * revision also in header {@code palisade-revision}. The producer is idempotent with {@code acks=all}, so
 * the order of sends is the order on each partition, without duplicates from retries.
 */
public final class KafkaEventSink implements EventSink {

    public static final String REVISION_HEADER = "palisade-revision";
    public static final String RESYNC_HEADER = "palisade-resync";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ResourceEventCodec codec;
    private final Runnable topicSetup;
    private boolean topicsReady;

    /** {@code topicSetup} runs before the first send (and again until it succeeds), not at construction. */
    public KafkaEventSink(Producer<String, byte[]> producer, String topic, ResourceEventCodec codec,
                          Runnable topicSetup) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.topicSetup = topicSetup;
    }

    @Override
    public void publish(List<ResourceEvent> events) {
        ensureTopics();
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (ResourceEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key().toString(), codec.encode(event));
            record.headers().add(REVISION_HEADER, Long.toString(event.revision()).getBytes(StandardCharsets.UTF_8));
            if (event.resync()) {
                record.headers().add(RESYNC_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            }
            sent.add(producer.send(record));
        }
        awaitAll(sent);
    }

    @Override
    public void publishResyncDone(long revision) {
        ensureTopics();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, ResourceEvent.RESYNC_DONE_KEY,
                ("{\"schema\":1,\"revision\":" + revision + ",\"type\":\"resync-done\"}").getBytes(StandardCharsets.UTF_8));
        record.headers().add(REVISION_HEADER, Long.toString(revision).getBytes(StandardCharsets.UTF_8));
        record.headers().add(RESYNC_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        awaitAll(List.of(producer.send(record)));
    }

    private void ensureTopics() {
        if (!topicsReady) {
            topicSetup.run();
            topicsReady = true;
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> sent) {
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing to Kafka failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }
    }
}
