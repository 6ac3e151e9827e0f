package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.SharedReferences;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test sink that applies every batch to an in-memory model of the shared stream and each node, and fails on
 * any protocol violation (format 2): a batch not ending in exactly one barrier, a key of another stream, a key
 * twice in a batch, a record that changes nothing (set to the current value, or tombstone of an absent key),
 * out-of-order records, duplicate set members, a shared batch after a node batch of its flush, barriers that
 * do not tie the streams together as the format says; and once a flush is complete, a node reaching a
 * missing shared entry, a shared entry no node reaches, or endpoints without configuration.
 */
final class RecordingDataplane implements DataplaneSink {

    static final class ProtocolViolation extends AssertionError {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private final Map<DataplaneKey, DataplaneEntry> shared = new HashMap<>();
    private final Map<String, Map<DataplaneKey, DataplaneEntry>> nodes = new TreeMap<>();
    private final Map<String, Long> nodeRevisions = new HashMap<>();
    private long flushRevision = Long.MIN_VALUE;
    private final Set<String> nodesThisFlush = new LinkedHashSet<>();
    private long sharedRevision;
    private List<String> sharedNodes = List.of();
    private boolean unchecked;
    private int batches;
    private int records;

    @Override
    public void publish(String node, List<DataplaneMessage> batch) {
        String stream = node == null ? "shared" : "node " + node;
        batches++;
        records += batch.size();
        if (batch.isEmpty() || batch.getLast().key().type() != EntryType.BARRIER
                || !(batch.getLast().entry() instanceof BatchBarrier barrier)) {
            throw fail(stream, "batch does not end with a barrier: " + batch);
        }
        long revision = barrier.revision();
        if (revision != flushRevision) {
            if (revision < flushRevision) {
                throw fail(stream, "barrier revision went backwards: " + flushRevision + " -> " + revision);
            }
            settle();
            flushRevision = revision;
            nodesThisFlush.clear();
        }
        if (node == null) {
            if (!nodesThisFlush.isEmpty()) {
                throw fail(stream, "shared batch after node batches of its flush: " + nodesThisFlush);
            }
            sharedRevision = revision;
            sharedNodes = barrier.nodes();
        } else {
            Long previous = nodeRevisions.put(node, revision);
            if (previous != null && previous >= revision) {
                throw fail(stream, "two batches at revision " + revision);
            }
            if (barrier.sharedRevision() != sharedRevision) {
                throw fail(stream, "node barrier needs shared revision " + barrier.sharedRevision()
                        + " but the newest shared barrier is " + sharedRevision);
            }
            nodesThisFlush.add(node);
        }
        Map<DataplaneKey, DataplaneEntry> state = node == null ? shared : nodes.computeIfAbsent(node, k -> new HashMap<>());
        Set<DataplaneKey> seen = new HashSet<>();
        DataplaneMessage before = null;
        for (DataplaneMessage m : batch.subList(0, batch.size() - 1)) {
            if (m.key().isShared() != (node == null) || node != null && !m.key().node().equals(node)) {
                throw fail(stream, "record of another stream in the batch: " + m.key());
            }
            if (m.key().type() == EntryType.BARRIER) {
                throw fail(stream, "barrier inside a batch");
            }
            if (!seen.add(m.key())) {
                throw fail(stream, "key twice in one batch: " + m.key());
            }
            checkOrder(stream, before, m);
            before = m;
            if (m.isTombstone()) {
                if (state.remove(m.key()) == null) {
                    throw fail(stream, "tombstone for a key the stream does not have: " + m.key());
                }
            } else {
                checkMembers(stream, m.entry());
                DataplaneEntry old = state.put(m.key(), m.entry());
                if (m.entry().equals(old)) {
                    throw fail(stream, "record that changes nothing: " + m.key());
                }
            }
        }
        if (node != null && state.isEmpty()) {
            nodes.remove(node);
        }
        unchecked = true;
    }

    /** The node's applied state as of its last barrier: its own entries and the shared entries they reach. */
    Map<DataplaneKey, DataplaneEntry> state(String node) {
        settle();
        return closure(node);
    }

    Map<String, Map<DataplaneKey, DataplaneEntry>> all() {
        settle();
        Map<String, Map<DataplaneKey, DataplaneEntry>> copy = new TreeMap<>();
        nodes.keySet().forEach(n -> copy.put(n, closure(n)));
        return copy;
    }

    int batches() {
        return batches;
    }

    int records() {
        return records;
    }

    private Map<DataplaneKey, DataplaneEntry> closure(String node) {
        Map<DataplaneKey, DataplaneEntry> out = new HashMap<>();
        SharedReferences.closure(nodes.getOrDefault(node, Map.of()).values(), shared::get).entries()
                .forEach(e -> out.put(DataplaneKey.of(node, e), e));
        return Map.copyOf(out);
    }

    /** The checks that hold only once every batch of a flush has arrived. */
    private void settle() {
        if (!unchecked) {
            return;
        }
        unchecked = false;
        if (sharedRevision == flushRevision && !Set.copyOf(sharedNodes).equals(nodesThisFlush)) {
            throw fail("shared", "barrier names nodes " + sharedNodes + " but the flush had batches for " + nodesThisFlush);
        }
        Set<DataplaneKey> reached = new HashSet<>();
        nodes.forEach((node, state) -> {
            SharedReferences.Closure c = SharedReferences.closure(state.values(), shared::get);
            if (!c.complete()) {
                throw fail("node " + node, "references missing " + c.missing());
            }
            c.entries().forEach(e -> reached.add(DataplaneKey.of(node, e)));
            boolean hasConfig = state.keySet().stream().anyMatch(k -> k.type() == EntryType.CONFIG);
            if (!hasConfig && state.values().stream().anyMatch(e -> e instanceof EndpointEntry)) {
                throw fail("node " + node, "endpoints without node configuration");
            }
        });
        for (DataplaneKey k : shared.keySet()) {
            if (!reached.contains(k)) {
                throw fail("shared", "entry no node reaches: " + k);
            }
        }
    }

    private static void checkOrder(String stream, DataplaneMessage before, DataplaneMessage m) {
        if (before == null) {
            return;
        }
        if (before.isTombstone() && !m.isTombstone()) {
            throw fail(stream, "addition after a removal: " + m.key());
        }
        int c = before.key().type().compareTo(m.key().type());
        if (!m.isTombstone() && c > 0 || m.isTombstone() && before.isTombstone() && c < 0) {
            throw fail(stream, "out of dependency order: " + before.key() + " then " + m.key());
        }
    }

    private static void checkMembers(String stream, DataplaneEntry e) {
        List<?> members = switch (e) {
            case IpSetEntry s -> s.members();
            case NamedPortSetEntry s -> s.members();
            default -> List.of();
        };
        if (new HashSet<>(members).size() != members.size()) {
            throw fail(stream, "duplicate members in " + e.id());
        }
    }

    private static ProtocolViolation fail(String stream, String message) {
        return new ProtocolViolation(stream + ": " + message);
    }
}
