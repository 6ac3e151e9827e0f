package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Collects dirty keys per node and, at flush, publishes for each node only the keys whose desired value
 * differs from what it last published — so repeated changes to one key collapse into one record, and a
 * change that is undone before the flush publishes nothing. Each node's batch lists additions in dependency
 * order (sets, rules, endpoints), then removals in reverse, then the barrier.
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

    /** A published value with its hash, so a changed value (the common case at flush) costs no deep compare. */
    private record Published(DataplaneEntry entry, int hash) {
    }

    private final DataplaneSink sink;
    private final Map<String, Set<DataplaneKey>> dirty = new TreeMap<>();
    private final Map<String, Map<DataplaneKey, Published>> published = new HashMap<>();

    EventSequencer(DataplaneSink sink) {
        this.sink = sink;
    }

    void markDirty(DataplaneKey key) {
        dirty.computeIfAbsent(key.node(), k -> new LinkedHashSet<>()).add(key);
    }

    /**
     * Takes a record already on the topic (after a restart) as published; the key is re-checked at the next
     * flush, so a value that is no longer desired gets corrected or tombstoned.
     */
    void seed(DataplaneMessage message) {
        if (message.key().type() == dev.palisade.model.dataplane.EntryType.BARRIER) {
            return;
        }
        Map<DataplaneKey, Published> node = published.computeIfAbsent(message.key().node(), k -> new HashMap<>());
        if (message.isTombstone()) {
            node.remove(message.key());
        } else {
            node.put(message.key(), new Published(message.entry(), message.entry().hashCode()));
        }
        markDirty(message.key());
    }

    /** Publishes one batch per node whose desired state changed; returns the number of records published. */
    int flush(long revision, Function<DataplaneKey, DataplaneEntry> desired) {
        int records = 0;
        // Shared entries (IP sets, policies) go to many nodes: hash each distinct object once per flush.
        Map<DataplaneEntry, Integer> hashes = new IdentityHashMap<>();
        for (Map.Entry<String, Set<DataplaneKey>> e : dirty.entrySet()) {
            String node = e.getKey();
            Map<DataplaneKey, Published> current = published.computeIfAbsent(node, k -> new HashMap<>());
            List<DataplaneMessage> batch = new ArrayList<>();
            for (DataplaneKey key : e.getValue()) {
                DataplaneEntry want = desired.apply(key);
                Published have = current.get(key);
                if (want == null) {
                    if (have != null) {
                        batch.add(new DataplaneMessage(key, null));
                        current.remove(key);
                    }
                    continue;
                }
                int hash = hashes.computeIfAbsent(want, DataplaneEntry::hashCode);
                boolean same = have != null && (have.entry() == want || have.hash() == hash && have.entry().equals(want));
                if (!same) {
                    batch.add(new DataplaneMessage(key, want));
                    current.put(key, new Published(want, hash));
                }
            }
            if (current.isEmpty()) {
                published.remove(node);
            }
            if (!batch.isEmpty()) {
                batch.sort(ORDER);
                batch.add(DataplaneMessage.set(node, new BatchBarrier(revision)));
                records += batch.size();
                sink.publish(node, batch);
            }
        }
        dirty.clear();
        return records;
    }

    /** What was last published for the node (test and diagnostics view). */
    Map<DataplaneKey, DataplaneEntry> published(String node) {
        Map<DataplaneKey, DataplaneEntry> out = new HashMap<>();
        published.getOrDefault(node, Map.of()).forEach((k, v) -> out.put(k, v.entry()));
        return Map.copyOf(out);
    }
}
