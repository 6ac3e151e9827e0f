package dev.palisade.calculator.adapter;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.ResourceKey;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds {@code palisade.resources} into the graph, read whole from the beginning (the compacted topic is the
 * datastore's state; no consumer group). Nothing is flushed before the end of the log as of start is reached
 * ("in sync"); after that every poll that changed something is flushed as one batch per node, its barrier
 * carrying the highest revision read. An event whose revision is not above the last applied for its key is a
 * publisher's duplicate and skipped; a resync snapshot ends by withdrawing every key it did not mention.
 */
final class ResourceLogFollower {

    private static final Logger LOG = Logger.getLogger(ResourceLogFollower.class.getName());

    private final Consumer<String, byte[]> consumer;
    private final CalcGraph graph;
    private final ResourceEventCodec codec;
    private final Map<ResourceKey, Long> applied = new HashMap<>();
    private final Set<ResourceKey> inSnapshot = new HashSet<>();
    private Map<TopicPartition, Long> endAtStart;
    private long revision;
    private volatile boolean inSync;
    private volatile long publishedRevision = -1;

    ResourceLogFollower(Consumer<String, byte[]> consumer, CalcGraph graph, ResourceEventCodec codec) {
        this.consumer = consumer;
        this.graph = graph;
        this.codec = codec;
    }

    void assign(List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = consumer.endOffsets(partitions);
    }

    /** One poll: applies what arrived and, once in sync, publishes what it changed. */
    void pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            changed |= apply(record);
        }
        boolean reachedEnd = !inSync
                && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        if ((inSync && changed) || reachedEnd) {
            graph.flush(revision);
            publishedRevision = revision;
        }
        if (reachedEnd) {
            // only now: readiness promises that the state as of the published revision is on the topic
            inSync = true;
            LOG.info("in sync with the resource log at revision " + revision);
        }
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (ResourceEvent.RESYNC_DONE_KEY.equals(record.key())) {
            endSnapshot();
            return true;
        }
        if (record.value() == null) {
            return false; // a compacted-away key: its last event already said what it was
        }
        ResourceEvent event;
        try {
            event = codec.decode(record.value());
        } catch (DecodeException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "record {0} at {1}-{2} ignored: {3}",
                    new Object[] {record.key(), record.partition(), record.offset(), e.getMessage()});
            return false;
        }
        revision = Math.max(revision, event.revision());
        if (event.resync()) {
            inSnapshot.add(event.key());
        }
        Long last = applied.get(event.key());
        if (last != null && event.revision() <= last) {
            return false;
        }
        applied.put(event.key(), event.revision());
        graph.onUpdate(event.isDelete() ? Update.deleted(event.key()) : new Update(event.key(), event.resource()));
        return true;
    }

    private void endSnapshot() {
        for (ResourceKey key : Set.copyOf(applied.keySet())) {
            if (!inSnapshot.contains(key)) {
                applied.remove(key);
                graph.onUpdate(Update.deleted(key));
            }
        }
        inSnapshot.clear();
    }

    boolean inSync() {
        return inSync;
    }

    /** The revision of the last flush: every node's desired state as of it is on the dataplane topic. */
    long publishedRevision() {
        return publishedRevision;
    }
}
