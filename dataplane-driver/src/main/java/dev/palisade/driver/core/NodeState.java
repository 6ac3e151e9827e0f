package dev.palisade.driver.core;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's desired state as of its batch barriers: the latest value of every key of the node, plus the
 * shared policies, profiles and sets they reach (and only those). Immutable; a batch produces a new state
 * that shares the unchanged entries (same instances), so the renderer can skip what did not change by
 * identity.
 *
 * @param revision the etcd revision this state is as of: the larger of the node's and the shared stream's
 *                 barrier revisions; -1 for the empty state
 * @param config   the node's FelixConfiguration entry, null when none was sent (then {@link FelixDefaults})
 */
public record NodeState(long revision, NodeConfigEntry config, SortedMap<String, EndpointEntry> endpoints,
                        SortedMap<String, PolicyEntry> policies, SortedMap<String, ProfileEntry> profiles,
                        SortedMap<String, IpSetEntry> ipSets, SortedMap<String, NamedPortSetEntry> portSets) {

    public static final NodeState EMPTY = new NodeState(-1, null, new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public NodeState {
        endpoints = Collections.unmodifiableSortedMap(endpoints);
        policies = Collections.unmodifiableSortedMap(policies);
        profiles = Collections.unmodifiableSortedMap(profiles);
        ipSets = Collections.unmodifiableSortedMap(ipSets);
        portSets = Collections.unmodifiableSortedMap(portSets);
    }

    public NodeConfigEntry effectiveConfig() {
        return config != null ? config : FelixDefaults.CONFIG;
    }

    /** The state made of {@code entries} (a node's closure: its own entries and the shared ones they reach). */
    public static NodeState of(long revision, Collection<? extends DataplaneEntry> entries) {
        Builder b = new Builder(EMPTY);
        entries.forEach(e -> b.put(e.type(), e.id(), e));
        return b.build(revision);
    }

    /** This state with {@code batch} applied in order (later records of a key win), as of {@code newRevision}. */
    public NodeState with(List<DataplaneMessage> batch, long newRevision) {
        Builder b = new Builder(this);
        batch.forEach(m -> b.put(m.key().type(), m.key().id(), m.entry()));
        return b.build(newRevision);
    }

    /** Whether both states enforce the same entries, whatever their revisions. */
    public boolean sameEntriesAs(NodeState other) {
        return Objects.equals(config, other.config) && endpoints.equals(other.endpoints)
                && policies.equals(other.policies) && profiles.equals(other.profiles) && ipSets.equals(other.ipSets)
                && portSets.equals(other.portSets);
    }

    private static final class Builder {
        private NodeConfigEntry cfg;
        private final TreeMap<String, EndpointEntry> eps;
        private final TreeMap<String, PolicyEntry> pols;
        private final TreeMap<String, ProfileEntry> pros;
        private final TreeMap<String, IpSetEntry> sets;
        private final TreeMap<String, NamedPortSetEntry> ports;

        Builder(NodeState base) {
            cfg = base.config;
            eps = new TreeMap<>(base.endpoints);
            pols = new TreeMap<>(base.policies);
            pros = new TreeMap<>(base.profiles);
            sets = new TreeMap<>(base.ipSets);
            ports = new TreeMap<>(base.portSets);
        }

        /** Sets {@code id} of {@code type} to {@code e}; null removes it. */
        void put(EntryType type, String id, DataplaneEntry e) {
            switch (type) {
                case CONFIG -> cfg = (NodeConfigEntry) e;
                case ENDPOINT -> NodeState.put(eps, id, (EndpointEntry) e);
                case POLICY -> NodeState.put(pols, id, (PolicyEntry) e);
                case PROFILE -> NodeState.put(pros, id, (ProfileEntry) e);
                case IP_SET -> NodeState.put(sets, id, (IpSetEntry) e);
                case NAMED_PORT_SET -> NodeState.put(ports, id, (NamedPortSetEntry) e);
                case BARRIER -> throw new IllegalArgumentException("a barrier ends a batch; it is not part of one");
            }
        }

        NodeState build(long revision) {
            return new NodeState(revision, cfg, eps, pols, pros, sets, ports);
        }
    }

    private static <T> void put(Map<String, T> map, String id, T valueOrNull) {
        if (valueOrNull == null) {
            map.remove(id);
        } else {
            map.put(id, valueOrNull);
        }
    }
}
