package dev.palisade.driver.core;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's desired state as of a batch barrier: the latest value of every key of the node. Immutable; a
 * batch produces a new state that shares the unchanged entries (same instances), so the renderer can skip
 * what did not change by identity.
 *
 * @param revision the etcd revision of the barrier that completed this state; -1 for the empty state
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

    /** This state with {@code batch} applied in order (later records of a key win), as of {@code newRevision}. */
    public NodeState with(List<DataplaneMessage> batch, long newRevision) {
        NodeConfigEntry cfg = config;
        TreeMap<String, EndpointEntry> eps = new TreeMap<>(endpoints);
        TreeMap<String, PolicyEntry> pols = new TreeMap<>(policies);
        TreeMap<String, ProfileEntry> pros = new TreeMap<>(profiles);
        TreeMap<String, IpSetEntry> sets = new TreeMap<>(ipSets);
        TreeMap<String, NamedPortSetEntry> ports = new TreeMap<>(portSets);
        for (DataplaneMessage m : batch) {
            String id = m.key().id();
            DataplaneEntry e = m.entry();
            switch (m.key().type()) {
                case CONFIG -> cfg = (NodeConfigEntry) e;
                case ENDPOINT -> put(eps, id, (EndpointEntry) e);
                case POLICY -> put(pols, id, (PolicyEntry) e);
                case PROFILE -> put(pros, id, (ProfileEntry) e);
                case IP_SET -> put(sets, id, (IpSetEntry) e);
                case NAMED_PORT_SET -> put(ports, id, (NamedPortSetEntry) e);
                case BARRIER -> throw new IllegalArgumentException("a barrier ends a batch; it is not part of one");
            }
        }
        return new NodeState(newRevision, cfg, eps, pols, pros, sets, ports);
    }

    private static <T> void put(Map<String, T> map, String id, T valueOrNull) {
        if (valueOrNull == null) {
            map.remove(id);
        } else {
            map.put(id, valueOrNull);
        }
    }
}
