package dev.palisade.driver.adapter;

import dev.palisade.driver.core.BatchOutcome;
import dev.palisade.driver.core.NodeStateAssembler;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneFormatException;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads this node's records from {@code palisade.dataplane}: assigns itself the one partition the node's key
 * hashes to ({@link DataplaneKey#partitionFor}), replays it from the beginning (the compacted topic is the
 * whole state; no consumer group, no committed offsets), and hands over what each barrier ends: a complete
 * state, or the rejection of a batch with an unreadable record. While replaying it keeps just the newest
 * outcome, handed over once it has caught up with the partition's end as of start, so a restart applies one
 * transaction, not every historical batch.
 */
public final class KafkaDesiredStateSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaDesiredStateSource.class.getName());

    private final String topic;
    private final String node;
    private final Consumer<BatchOutcome> batches;
    private final Consumer<String> errors;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DataplaneCodec codec = new DataplaneCodec();
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaDesiredStateSource(String bootstrap, String topic, String node, Consumer<BatchOutcome> batches,
                                   Consumer<String> errors) {
        this.topic = topic;
        this.node = node;
        this.batches = batches;
        this.errors = errors;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "palisade-driver-" + node,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "palisade-dataplane-consumer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            TopicPartition partition = awaitPartition();
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = endOffset(partition);
            LOG.log(Level.INFO, "node {0}: reading {1} (offsets 0..{2})", new Object[] {node, partition, end});
            NodeStateAssembler assembler = new NodeStateAssembler(node);
            String prefix = DataplaneKey.nodePrefix(node);
            boolean caughtUp = end == 0;
            BatchOutcome newest = null;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue; // another node sharing the partition
                    }
                    BatchOutcome outcome = assemble(assembler, record);
                    if (outcome != null) {
                        newest = outcome;
                        if (caughtUp) {
                            batches.accept(outcome);
                        }
                    }
                }
                if (!caughtUp && consumer.position(partition) >= end) {
                    caughtUp = true;
                    if (newest != null) {
                        batches.accept(newest);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "dataplane consumer stopped", e);
            errors.accept("dataplane consumer stopped: " + e);
        } finally {
            consumer.close();
        }
    }

    private BatchOutcome assemble(NodeStateAssembler assembler, ConsumerRecord<String, byte[]> record) {
        try {
            DataplaneMessage message = codec.decode(record.key(), record.value());
            return assembler.accept(message).orElse(null);
        } catch (DataplaneFormatException | IllegalArgumentException e) {
            String error = "record " + record.key() + " at offset " + record.offset() + " unreadable: " + e.getMessage()
                    + (record.value() == null ? "" : " (" + new String(record.value(), StandardCharsets.UTF_8)
                    .substring(0, Math.min(80, record.value().length)) + ")");
            LOG.warning(error);
            assembler.undecodable(error);
            return null;
        }
    }

    /**
     * The node's partition, once the topic exists. A metadata request that times out (a busy broker, many
     * drivers starting at once) is retried: giving up here would leave the node unenforced for good.
     */
    private TopicPartition awaitPartition() {
        while (running) {
            try {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (partitions != null && !partitions.isEmpty()) {
                    return new TopicPartition(topic, DataplaneKey.partitionFor(node, partitions.size()));
                }
                LOG.log(Level.INFO, "waiting for topic {0}", topic);
            } catch (TimeoutException e) {
                LOG.log(Level.INFO, "metadata of {0} not available yet ({1}); retrying", new Object[] {topic, e.getMessage()});
            }
        }
        throw new WakeupException();
    }

    private long endOffset(TopicPartition partition) {
        while (running) {
            try {
                return consumer.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
            } catch (TimeoutException e) {
                LOG.log(Level.INFO, "end offset of {0} not available yet ({1}); retrying", new Object[] {partition, e.getMessage()});
            }
        }
        throw new WakeupException();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
