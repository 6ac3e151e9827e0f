package dev.palisade.calculator.adapter;

import dev.palisade.calculator.engine.DataplaneSink;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes a node's batch to {@code palisade.dataplane}, on the node's own partition, and waits for the broker
 * to have all of it: the next batch is computed only once this one is durable, so a crash leaves at worst an
 * unfinished batch, which drivers ignore.
 */
final class KafkaDataplaneSink implements DataplaneSink {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int partitions;
    private final DataplaneCodec codec = new DataplaneCodec();

    KafkaDataplaneSink(Producer<String, byte[]> producer, String topic, int partitions) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
    }

    @Override
    public void publish(String node, List<DataplaneMessage> batch) {
        int partition = DataplaneKey.partitionFor(node, partitions);
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (DataplaneMessage message : batch) {
            byte[] value = message.isTombstone() ? null : codec.encode(message.entry());
            sent.add(producer.send(new ProducerRecord<>(topic, partition, message.key().toString(), value)));
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing node " + node + "'s batch failed: " + e.getCause(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted publishing node " + node + "'s batch", e);
            }
        }
    }
}
