package dev.palisade.driver.adapter;

import dev.palisade.driver.core.BatchOutcome;
import dev.palisade.driver.core.NodeStateAssembler;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneFormatException;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.kafka.EndOffsetReplay;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reads this node's records from {@code palisade.dataplane}: assigns itself the partition the node's key
 * hashes to ({@link DataplaneKey#partitionFor}) and the shared one ({@link DataplaneKey#SHARED_PARTITION}),
 * replays both from the beginning (the compacted topic is the whole state; no consumer group, no committed
 * offsets), feeds the node's records and the shared ones to a {@link NodeStateAssembler} (other nodes'
 * records are skipped undecoded), and hands over what it yields: a complete state, or the rejection of a
 * batch with an unreadable record. While replaying it keeps just the newest outcomes, handed over once it has
 * caught up with both partitions' ends as of start, so a restart applies one transaction, not every
 * historical batch.
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

    /** {@code client}: bootstrap servers and security ({@link DriverOptions#kafkaClient()}). */
    public KafkaDesiredStateSource(Map<String, Object> client, String topic, String node, Consumer<BatchOutcome> batches,
                                   Consumer<String> errors) {
        this.topic = topic;
        this.node = node;
        this.batches = batches;
        this.errors = errors;
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "palisade-driver-" + node);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "palisade-dataplane-consumer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            EndOffsetReplay toEnd = EndOffsetReplay.fromBeginning(consumer, partitions, this::endOffsets);
            LOG.log(Level.INFO, "node {0}: reading {1} (end offsets {2})",
                    new Object[] {node, partitions, toEnd.target()});
            NodeStateAssembler assembler = new NodeStateAssembler(node);
            Replay replay = new Replay();
            boolean caughtUp = toEnd.reached();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!assembler.reads(record.key())) {
                        continue; // another node's record sharing a partition
                    }
                    BatchOutcome outcome = assemble(assembler, record);
                    if (outcome == null) {
                        continue;
                    }
                    if (caughtUp) {
                        batches.accept(outcome);
                    } else {
                        replay.add(outcome);
                    }
                }
                if (!caughtUp && toEnd.reached()) {
                    caughtUp = true;
                    replay.handOver(batches);
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

    /**
     * What replaying the topic up to its end as of start produced, reduced to what the driver needs: the newest
     * complete state, and the newest rejection if it came after it (reported, while the complete state is
     * enforced). One transaction at restart, not one per historical batch.
     */
    private static final class Replay {
        private BatchOutcome.Complete complete;
        private BatchOutcome.Rejected rejected;

        void add(BatchOutcome outcome) {
            switch (outcome) {
                case BatchOutcome.Complete c -> {
                    complete = c;
                    rejected = null;
                }
                case BatchOutcome.Rejected r -> rejected = r;
            }
        }

        void handOver(Consumer<BatchOutcome> batches) {
            if (complete != null) {
                batches.accept(complete);
            }
            if (rejected != null) {
                batches.accept(rejected);
            }
        }
    }

    private BatchOutcome assemble(NodeStateAssembler assembler, ConsumerRecord<String, byte[]> record) {
        try {
            DataplaneMessage message = codec.decode(record.key(), record.value());
            BatchOutcome outcome = assembler.accept(message).orElse(null);
            if (message.key().type() == EntryType.BARRIER && !assembler.missing().isEmpty()) {
                LOG.log(Level.WARNING, "node {0}: state at {1} references shared entries not published: {2}; waiting",
                        new Object[] {node, record.key(), assembler.missing()});
            }
            return outcome;
        } catch (DataplaneFormatException | IllegalArgumentException e) {
            String error = "record " + record.key() + " at offset " + record.offset() + " unreadable: " + e.getMessage()
                    + (record.value() == null ? "" : " (" + new String(record.value(), StandardCharsets.UTF_8)
                    .substring(0, Math.min(80, record.value().length)) + ")");
            LOG.warning(error);
            assembler.undecodable(record.key(), error);
            return null;
        }
    }

    /**
     * The node's partition and the shared one (one partition when they coincide), once the topic exists. A
     * metadata request that times out (a busy broker, many drivers starting at once) is retried: giving up
     * here would leave the node unenforced for good.
     */
    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (partitions != null && !partitions.isEmpty()) {
                    int own = DataplaneKey.partitionFor(node, partitions.size());
                    return Stream.of(own, DataplaneKey.SHARED_PARTITION).distinct()
                            .map(p -> new TopicPartition(topic, p)).toList();
                }
                LOG.log(Level.INFO, "waiting for topic {0}", topic);
            } catch (TimeoutException e) {
                LOG.log(Level.INFO, "metadata of {0} not available yet ({1}); retrying", new Object[] {topic, e.getMessage()});
            }
        }
        throw new WakeupException();
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        while (running) {
            try {
                return consumer.endOffsets(partitions, Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                LOG.log(Level.INFO, "end offsets of {0} not available yet ({1}); retrying", new Object[] {partitions, e.getMessage()});
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
