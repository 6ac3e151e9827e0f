package dev.palisade.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * "Replay the compacted topic from the beginning to the end offsets it had when reading began, then we are in
 * sync": the rule every Palisade consumer uses to tell a rebuilt state from one still being rebuilt. Records
 * published after the start are read too, but need not be awaited. Not thread-safe: used by the polling thread.
 */
public final class EndOffsetReplay {

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> target;
    private boolean reached;

    private EndOffsetReplay(Consumer<?, ?> consumer, Map<TopicPartition, Long> target) {
        this.consumer = consumer;
        this.target = Map.copyOf(target);
    }

    /** Assigns {@code partitions}, seeks to their beginning and captures their end offsets. */
    public static EndOffsetReplay fromBeginning(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        return fromBeginning(consumer, partitions, consumer::endOffsets);
    }

    /** As above, with the caller's way of asking for end offsets (e.g. one that retries a busy broker). */
    public static EndOffsetReplay fromBeginning(Consumer<?, ?> consumer, List<TopicPartition> partitions,
                                                Function<List<TopicPartition>, Map<TopicPartition, Long>> endOffsets) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new EndOffsetReplay(consumer, endOffsets.apply(partitions));
    }

    /** The end offsets captured when reading began. */
    public Map<TopicPartition, Long> target() {
        return target;
    }

    /** Whether the consumer's position has reached the target on every partition; once true, stays true. */
    public boolean reached() {
        if (!reached) {
            reached = reached(consumer::position, target);
        }
        return reached;
    }

    /** Whether {@code position} has reached {@code target} on every partition of it. */
    public static boolean reached(ToLongFunction<TopicPartition> position, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(e -> position.applyAsLong(e.getKey()) >= e.getValue());
    }
}
