package dev.palisade.calculator.adapter;

import dev.palisade.calculator.engine.DataplaneSink;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes the engine's batches to {@code palisade.dataplane}: the key's text, the partition set explicitly
 * ({@link DataplaneKey#partition}: the node's, or the shared one), a tombstone as a null value. The producer is idempotent
 * with {@code acks=all}, so each partition holds the batches in send order without duplicates from retries.
 */
final class KafkaDataplaneSink implements DataplaneSink {

    /** Told about every batch handed to the producer. */
    interface BatchListener {
        /** {@code node} is null for the shared batch. */
        void onBatch(String node, int records);
    }

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int partitions;
    private final DataplaneCodec codec;
    private final BatchListener listener;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    KafkaDataplaneSink(Producer<String, byte[]> producer, String topic, int partitions, DataplaneCodec codec,
                       BatchListener listener) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
        this.codec = codec;
        this.listener = listener;
    }

    @Override
    public void publish(String node, List<DataplaneMessage> batch) {
        for (DataplaneMessage message : batch) {
            byte[] value = message.isTombstone() ? null : codec.encode(message.entry());
            pending.add(producer.send(new ProducerRecord<>(topic, message.key().partition(partitions),
                    message.key().toString(), value)));
        }
        listener.onBatch(node, batch.size());
    }

    /**
     * Waits until every record sent since the last call is acknowledged. A failed send throws: the caller
     * starts over from what actually reached the topic.
     */
    void awaitSent() {
        producer.flush();
        try {
            for (Future<RecordMetadata> future : pending) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } finally {
            pending.clear();
        }
    }
}
