package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.SharedReferences;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects dirty keys per stream (the shared one and one per node) and, at flush, publishes for each stream
 * only the keys whose desired value differs from what it last published — so repeated changes to one key
 * collapse into one record, and a change that is undone before the flush publishes nothing. Each batch lists
 * additions in dependency order (sets, rules, endpoints), then removals in reverse, then the stream's
 * barrier. The shared batch goes first and names the nodes of the same flush; each node barrier names the
 * shared revision its state needs (format 2).
 *
 * <p>With a {@link Shard} that is not whole, only the owned streams are published. Node streams of other
 * calculators are not tracked at all. The shared stream is always diffed, published or not: a calculator that
 * does not own it still learns at which revisions the shared state changed, which is what its node barriers'
 * {@code sharedRevision} must name. Other calculators flush at other revisions, so the shared owner writes its
 * barrier at every flush that advanced the revision: a node barrier's {@code sharedRevision} is then always
 * followed, sooner or later, by a shared barrier at least as new. A shared barrier names only the owner's own
 * node batches (it cannot promise other calculators' batches).
 */
final class EventSequencer {

    private static final Comparator<DataplaneMessage> ORDER = (a, b) -> {
        if (a.isTombstone() != b.isTombstone()) {
            return a.isTombstone() ? 1 : -1;
        }
        int c = a.key().type().compareTo(b.key().type());
        if (a.isTombstone()) {
            c = -c;
        }
        return c != 0 ? c : a.key().id().compareTo(b.key().id());
    };

    /** One stream's dirty keys and what it last published. */
    private static final class Stream {
        final Set<DataplaneKey> dirty = new LinkedHashSet<>();
        final Map<DataplaneKey, DataplaneEntry> published = new HashMap<>();

        /** The records that bring the published state to the desired one, in batch order; updates it. */
        List<DataplaneMessage> diff(Function<DataplaneKey, DataplaneEntry> desired) {
            List<DataplaneMessage> batch = new ArrayList<>();
            for (DataplaneKey key : dirty) {
                DataplaneEntry want = desired.apply(key);
                DataplaneEntry have = published.get(key);
                if (want == null) {
                    if (have != null) {
                        batch.add(DataplaneMessage.tombstone(key));
                        published.remove(key);
                    }
                    continue;
                }
                // equals stops at the first difference; a hash would read the whole value every time
                if (have != want && !want.equals(have)) {
                    batch.add(new DataplaneMessage(key, want));
                    published.put(key, want);
                }
            }
            dirty.clear();
            batch.sort(ORDER);
            return batch;
        }
    }

    private final DataplaneSink sink;
    private final Shard shard;
    private final Stream shared = new Stream();
    private final Map<String, Stream> nodes = new HashMap<>();
    private final Set<String> dirtyNodes = new LinkedHashSet<>();
    /** Streams whose last records on the topic are not closed by a barrier (a predecessor died mid-batch). */
    private final Set<DataplaneKey> unfinished = new HashSet<>();
    private long sharedRevision;

    EventSequencer(DataplaneSink sink, Shard shard) {
        this.sink = sink;
        this.shard = shard;
    }

    void markDirty(DataplaneKey key) {
        if (!owned(key)) {
            return;
        }
        stream(key).dirty.add(key);
        if (!key.isShared()) {
            dirtyNodes.add(key.node());
        }
    }

    /** Whether this calculator tracks the key's stream: the shared one always, a node's when it owns it. */
    private boolean owned(DataplaneKey key) {
        return key.isShared() || shard.ownsNode(key.node());
    }

    /**
     * Takes a record already on the topic (after a restart) as published; the key is re-checked at the next
     * flush, so a value that is no longer desired gets corrected or tombstoned.
     */
    void seed(DataplaneMessage message) {
        DataplaneKey key = message.key();
        if (key.type() == EntryType.BARRIER) {
            if (key.isShared() && message.entry() instanceof BatchBarrier b) {
                sharedRevision = Math.max(sharedRevision, b.revision());
            }
            return;
        }
        if (!owned(key)) {
            return;
        }
        Stream s = stream(key);
        if (message.isTombstone()) {
            s.published.remove(key);
        } else {
            s.published.put(key, message.entry());
        }
        markDirty(key);
    }

    /**
     * After a restart: the stream of {@code barrierKey} has records after its last barrier. They count as
     * published, so the next flush closes the stream with a barrier even if nothing in it changes.
     */
    void seedUnfinished(DataplaneKey barrierKey) {
        if (barrierKey.isShared() ? shard.ownsShared() : shard.ownsNode(barrierKey.node())) {
            unfinished.add(barrierKey);
        }
    }

    /**
     * Publishes the shared batch and one batch per node whose desired state changed; returns the number of
     * records published.
     */
    int flush(long revision, Function<DataplaneKey, DataplaneEntry> desired) {
        List<DataplaneMessage> sharedBatch = shared.diff(desired);
        Map<String, List<DataplaneMessage>> nodeBatches = new LinkedHashMap<>();
        for (String node : dirtyNodes) {
            Stream s = nodes.get(node);
            List<DataplaneMessage> batch = s.diff(desired);
            if (!batch.isEmpty() || unfinished.contains(barrierKey(node))) {
                nodeBatches.put(node, batch);
            }
            if (s.published.isEmpty()) {
                nodes.remove(node);
            }
        }
        dirtyNodes.clear();
        for (DataplaneKey stream : unfinished) {
            if (!stream.isShared()) {
                nodeBatches.putIfAbsent(stream.node(), new ArrayList<>());
            }
        }
        int records = 0;
        if (!shard.ownsShared()) {
            if (!sharedBatch.isEmpty()) {
                sharedRevision = revision;
            }
        } else if (!sharedBatch.isEmpty() || unfinished.contains(barrierKey(null))
                || !shard.whole() && revision > sharedRevision) {
            sharedRevision = revision;
            sharedBatch.add(DataplaneMessage.shared(BatchBarrier.forShared(revision,
                    nodeBatches.keySet().stream().sorted().toList())));
            records += sharedBatch.size();
            sink.publish(null, sharedBatch);
        }
        for (Map.Entry<String, List<DataplaneMessage>> e : nodeBatches.entrySet()) {
            List<DataplaneMessage> batch = e.getValue();
            batch.add(DataplaneMessage.set(e.getKey(), BatchBarrier.forNode(revision, sharedRevision)));
            records += batch.size();
            sink.publish(e.getKey(), batch);
        }
        unfinished.clear();
        return records;
    }

    private static DataplaneKey barrierKey(String nodeOrNull) {
        return new DataplaneKey(nodeOrNull, EntryType.BARRIER, BatchBarrier.ID);
    }

    /** What was last published for a node: its own entries plus the shared entries they reach. */
    Map<DataplaneKey, DataplaneEntry> published(String node) {
        Stream s = nodes.get(node);
        List<DataplaneEntry> own = s == null ? List.of() : List.copyOf(s.published.values());
        Map<DataplaneKey, DataplaneEntry> out = new HashMap<>();
        for (DataplaneEntry e : SharedReferences.closure(own, shared.published::get).entries()) {
            out.put(DataplaneKey.of(node, e), e);
        }
        return Map.copyOf(out);
    }

    private Stream stream(DataplaneKey key) {
        return key.isShared() ? shared : nodes.computeIfAbsent(key.node(), k -> new Stream());
    }
}
