package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneKey;

import java.util.Set;

/**
 * Which streams of {@code palisade.dataplane} this calculator publishes: the node streams of the partitions it
 * owns, and the shared stream if it owns {@link DataplaneKey#SHARED_PARTITION}. Several calculators share the
 * partitions (docs/policy-calculator.md, "Running more than one calculator"); every one of them indexes every
 * resource, so each can tell what a shared entry or a node's barrier must say.
 *
 * @param partitions the dataplane topic's partition count (what {@link DataplaneKey#partitionFor} divides by)
 * @param owned      the partitions this calculator owns, each in {@code [0, partitions)}
 */
public record Shard(int partitions, Set<Integer> owned) {

    /** One calculator for everything: one partition, owned. */
    public static final Shard ALL = new Shard(1, Set.of(DataplaneKey.SHARED_PARTITION));

    public Shard {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        owned = Set.copyOf(owned);
        for (int p : owned) {
            if (p < 0 || p >= partitions) {
                throw new IllegalArgumentException("owned partition " + p + " is not one of the " + partitions);
            }
        }
    }

    public boolean ownsNode(String node) {
        return owned.contains(DataplaneKey.partitionFor(node, partitions));
    }

    public boolean ownsShared() {
        return owned.contains(DataplaneKey.SHARED_PARTITION);
    }

    /** Whether this calculator publishes every stream (no other calculator publishes anything). */
    public boolean whole() {
        return owned.size() == partitions;
    }
}
