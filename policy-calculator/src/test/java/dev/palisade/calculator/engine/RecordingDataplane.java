package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test sink that applies every batch to an in-memory model of each node and fails on any protocol
 * violation: a batch not ending in exactly one barrier, a key twice in a batch, a record that changes nothing
 * (set to the current value, or tombstone of an absent key), out-of-order records, duplicate set members, and
 * after each batch, a reference to a missing policy, profile or IP set, or an entry nothing references.
 */
final class RecordingDataplane implements DataplaneSink {

    static final class ProtocolViolation extends AssertionError {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private final Map<String, Map<DataplaneKey, DataplaneEntry>> nodes = new TreeMap<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private int batches;
    private int records;

    @Override
    public void publish(String node, List<DataplaneMessage> batch) {
        batches++;
        records += batch.size();
        if (batch.isEmpty() || batch.getLast().key().type() != EntryType.BARRIER) {
            fail(node, "batch does not end with a barrier: " + batch);
        }
        long revision = ((BatchBarrier) batch.getLast().entry()).revision();
        Long previous = revisions.put(node, revision);
        if (previous != null && previous > revision) {
            fail(node, "barrier revision went backwards: " + previous + " -> " + revision);
        }
        Map<DataplaneKey, DataplaneEntry> state = nodes.computeIfAbsent(node, k -> new HashMap<>());
        Set<DataplaneKey> seen = new HashSet<>();
        DataplaneMessage before = null;
        for (DataplaneMessage m : batch.subList(0, batch.size() - 1)) {
            if (!m.key().node().equals(node)) {
                fail(node, "record for another node in the batch: " + m.key());
            }
            if (m.key().type() == EntryType.BARRIER) {
                fail(node, "barrier inside a batch");
            }
            if (!seen.add(m.key())) {
                fail(node, "key twice in one batch: " + m.key());
            }
            checkOrder(node, before, m);
            before = m;
            if (m.isTombstone()) {
                if (state.remove(m.key()) == null) {
                    fail(node, "tombstone for a key the node does not have: " + m.key());
                }
            } else {
                checkMembers(node, m.entry());
                DataplaneEntry old = state.put(m.key(), m.entry());
                if (m.entry().equals(old)) {
                    fail(node, "record that changes nothing: " + m.key());
                }
            }
        }
        checkReferences(node, state);
        if (state.isEmpty()) {
            nodes.remove(node);
        }
    }

    /** The node's applied state (keys without the node) as of its last barrier. */
    Map<DataplaneKey, DataplaneEntry> state(String node) {
        return Map.copyOf(nodes.getOrDefault(node, Map.of()));
    }

    Map<String, Map<DataplaneKey, DataplaneEntry>> all() {
        Map<String, Map<DataplaneKey, DataplaneEntry>> copy = new TreeMap<>();
        nodes.forEach((n, s) -> copy.put(n, Map.copyOf(s)));
        return copy;
    }

    int batches() {
        return batches;
    }

    int records() {
        return records;
    }

    private static void checkOrder(String node, DataplaneMessage before, DataplaneMessage m) {
        if (before == null) {
            return;
        }
        if (before.isTombstone() && !m.isTombstone()) {
            fail(node, "addition after a removal: " + m.key());
        }
        int c = before.key().type().compareTo(m.key().type());
        if (!m.isTombstone() && c > 0 || m.isTombstone() && before.isTombstone() && c < 0) {
            fail(node, "out of dependency order: " + before.key() + " then " + m.key());
        }
    }

    private static void checkMembers(String node, DataplaneEntry e) {
        List<?> members = switch (e) {
            case IpSetEntry s -> s.members();
            case NamedPortSetEntry s -> s.members();
            default -> List.of();
        };
        if (new HashSet<>(members).size() != members.size()) {
            fail(node, "duplicate members in " + e.id());
        }
    }

    private static void checkReferences(String node, Map<DataplaneKey, DataplaneEntry> state) {
        Set<DataplaneKey> referenced = new HashSet<>();
        boolean hasEndpoint = false;
        for (DataplaneEntry e : state.values()) {
            if (e instanceof EndpointEntry ep) {
                hasEndpoint = true;
                for (String p : policyIds(ep)) {
                    referenced.add(new DataplaneKey(node, EntryType.POLICY, p));
                }
                for (String p : ep.profiles()) {
                    referenced.add(new DataplaneKey(node, EntryType.PROFILE, p));
                }
            }
        }
        for (DataplaneKey k : List.copyOf(referenced)) {
            DataplaneEntry e = state.get(k);
            if (e == null) {
                fail(node, "endpoint references missing " + k);
            }
            List<RuleEntry> rules = new ArrayList<>();
            if (e instanceof PolicyEntry p) {
                rules.addAll(p.ingress());
                rules.addAll(p.egress());
            } else if (e instanceof ProfileEntry p) {
                rules.addAll(p.ingress());
                rules.addAll(p.egress());
            }
            for (RuleEntry r : rules) {
                for (RuleEntry.PeerMatch peer : List.of(r.source(), r.destination())) {
                    for (List<String> ids : List.of(peer.ipSets(), peer.notIpSets())) {
                        ids.forEach(id -> referenced.add(new DataplaneKey(node, EntryType.IP_SET, id)));
                    }
                    for (List<String> ids : List.of(peer.namedPortSets(), peer.notNamedPortSets())) {
                        ids.forEach(id -> referenced.add(new DataplaneKey(node, EntryType.NAMED_PORT_SET, id)));
                    }
                }
            }
        }
        for (DataplaneKey k : referenced) {
            if (!state.containsKey(k)) {
                fail(node, "rules reference missing " + k);
            }
        }
        for (DataplaneKey k : state.keySet()) {
            EntryType t = k.type();
            boolean shared = t == EntryType.POLICY || t == EntryType.PROFILE || t == EntryType.IP_SET
                    || t == EntryType.NAMED_PORT_SET;
            if (shared && !referenced.contains(k)) {
                fail(node, "entry nothing references: " + k);
            }
            if (t == EntryType.ENDPOINT && !state.containsKey(new DataplaneKey(node, EntryType.CONFIG, "felix"))) {
                fail(node, "endpoints without node configuration");
            }
        }
        if (hasEndpoint && state.keySet().stream().noneMatch(k -> k.type() == EntryType.CONFIG)) {
            fail(node, "no config");
        }
    }

    static Set<String> policyIds(EndpointEntry e) {
        Set<String> ids = new HashSet<>();
        for (EndpointEntry.PolicyLists l : List.of(e.untracked(), e.preDnat(), e.normal(), e.forward())) {
            for (List<EndpointEntry.TierPolicies> tiers : List.of(l.ingress(), l.egress())) {
                tiers.forEach(t -> ids.addAll(t.policies()));
            }
        }
        return ids;
    }

    private static void fail(String node, String message) {
        throw new ProtocolViolation("node " + node + ": " + message);
    }
}
