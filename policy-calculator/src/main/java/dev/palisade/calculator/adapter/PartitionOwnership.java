package dev.palisade.calculator.adapter;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * This calculator's membership of the calculators' consumer group on {@code palisade.dataplane}: Kafka divides
 * the topic's partitions among the members, and the partitions assigned here are the node streams (and, with
 * partition 0, the shared stream) this calculator publishes. The consumer only takes part in the group: its
 * partitions are paused at once, it fetches no record. Rebalances happen inside {@link #poll}, which the engine
 * thread calls between flushes, never during one: a partition is revoked only after the batches published for it
 * were acknowledged, and handed to another member only after that. It outlives sessions, since leaving the
 * group would itself cause a rebalance.
 */
final class PartitionOwnership implements ConsumerRebalanceListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Set<Integer> owned = new TreeSet<>();
    private boolean assigned;

    PartitionOwnership(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        consumer.subscribe(List.of(topic), this);
    }

    /**
     * Takes part in the group for at most {@code timeout}; the partitions owned now, or empty before the group
     * assigned any (an assignment may be empty: more calculators than partitions).
     */
    Optional<Set<Integer>> poll(Duration timeout) {
        consumer.poll(timeout);
        return assigned ? Optional.of(Set.copyOf(owned)) : Optional.empty();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.pause(partitions);
        partitions.forEach(p -> owned.add(p.partition()));
        assigned = true;
        LOG.infof("assigned %s partitions %s: owning %s", topic, numbers(partitions), owned);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
        if (!partitions.isEmpty()) {
            LOG.infof("revoked %s partitions %s: owning %s", topic, numbers(partitions), owned);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
        LOG.warnf("lost %s partitions %s (out of the group): owning %s", topic, numbers(partitions), owned);
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
