package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.resource.Kind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What each node needs: its endpoints, and — reference-counted per node — the policies and profiles those
 * endpoints use and the IP sets those rules use, so each is sent to a node once however many of its endpoints
 * use it. A change marks exactly the affected (node, key) pairs dirty; {@link #desired} answers what a key's
 * value should now be.
 */
final class NodeStateIndex implements UpdateHandler, PolicyResolver.EndpointListener, RuleScanner.RulesListener,
        IpSetMemberIndex.IpSetListener, ConfigCalculator.ConfigListener {

    private static final class NodeState {
        final Map<String, EndpointEntry> endpoints = new HashMap<>();
        final Map<String, Integer> policies = new HashMap<>();
        final Map<String, Integer> profiles = new HashMap<>();
        final Map<String, Integer> sets = new HashMap<>();
        boolean declared;

        boolean isEmpty() {
            return endpoints.isEmpty() && !declared;
        }
    }

    private final Consumer<DataplaneKey> dirty;

    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<String, PolicyEntry> policies = new HashMap<>();
    private final Map<String, ProfileEntry> profiles = new HashMap<>();
    private final Map<String, Set<String>> setsByPolicy = new HashMap<>();
    private final Map<String, Set<String>> setsByProfile = new HashMap<>();
    private final Map<String, Set<String>> nodesByPolicy = new HashMap<>();
    private final Map<String, Set<String>> nodesByProfile = new HashMap<>();
    private final Map<String, Set<String>> nodesBySet = new HashMap<>();

    NodeStateIndex(Consumer<DataplaneKey> dirty) {
        this.dirty = dirty;
    }

    /** Node resources declare nodes that have no host endpoint yet: they get their configuration too. */
    @Override
    public void onUpdate(Update update) {
        if (update.key().kind() != Kind.NODE) {
            return;
        }
        String name = update.key().name();
        NodeState ns = nodes.get(name);
        if (update.exists() && ns == null) {
            ns = new NodeState();
            nodes.put(name, ns);
            dirty.accept(new DataplaneKey(name, EntryType.CONFIG, NodeConfigEntry.ID));
        }
        if (ns != null) {
            ns.declared = update.exists();
            forgetIfEmpty(name, ns);
        }
    }

    @Override
    public void onEndpoint(String node, String name, EndpointEntry entry) {
        NodeState ns = nodes.get(node);
        if (ns == null) {
            if (entry == null) {
                return;
            }
            ns = new NodeState();
            nodes.put(node, ns);
            dirty.accept(new DataplaneKey(node, EntryType.CONFIG, NodeConfigEntry.ID));
        }
        EndpointEntry old = entry == null ? ns.endpoints.remove(name) : ns.endpoints.put(name, entry);
        if (old != null && old.equals(entry)) {
            return;
        }
        dirty.accept(new DataplaneKey(node, EntryType.ENDPOINT, name));
        Set<String> oldPolicies = policyIds(old);
        Set<String> newPolicies = policyIds(entry);
        List<String> oldProfiles = old == null ? List.of() : old.profiles();
        List<String> newProfiles = entry == null ? List.of() : entry.profiles();
        for (String id : newPolicies) {
            use(node, ns, ns.policies, EntryType.POLICY, id, 1);
        }
        for (String id : Set.copyOf(newProfiles)) {
            use(node, ns, ns.profiles, EntryType.PROFILE, id, 1);
        }
        for (String id : oldPolicies) {
            use(node, ns, ns.policies, EntryType.POLICY, id, -1);
        }
        for (String id : Set.copyOf(oldProfiles)) {
            use(node, ns, ns.profiles, EntryType.PROFILE, id, -1);
        }
        forgetIfEmpty(node, ns);
    }

    @Override
    public void onPolicyRendered(String policyId, PolicyEntry entry, Set<String> sets) {
        if (entry == null) {
            policies.remove(policyId);
        } else {
            policies.put(policyId, entry);
        }
        ruleSetChanged(EntryType.POLICY, policyId, sets);
    }

    @Override
    public void onProfileRendered(String name, ProfileEntry entry, Set<String> sets) {
        if (entry == null) {
            profiles.remove(name);
        } else {
            profiles.put(name, entry);
        }
        ruleSetChanged(EntryType.PROFILE, name, sets);
    }

    @Override
    public void onIpSetChanged(String setId) {
        for (String node : nodesBySet.getOrDefault(setId, Set.of())) {
            dirty.accept(new DataplaneKey(node, setType(setId), setId));
        }
    }

    @Override
    public void onConfigChanged(String node) {
        for (String n : node == null ? nodes.keySet() : nodes.containsKey(node) ? Set.of(node) : Set.<String>of()) {
            dirty.accept(new DataplaneKey(n, EntryType.CONFIG, NodeConfigEntry.ID));
        }
    }

    /**
     * The value {@code key} should have now, or null when the node should not have it. IP sets and node
     * configuration are owned elsewhere; this index only says whether the node needs them.
     */
    DataplaneEntry desired(DataplaneKey key, Function<String, DataplaneEntry> ipSets,
                           Function<String, DataplaneEntry> config) {
        NodeState ns = nodes.get(key.node());
        if (ns == null) {
            return null;
        }
        String id = key.id();
        return switch (key.type()) {
            case ENDPOINT -> ns.endpoints.get(id);
            case POLICY -> ns.policies.containsKey(id) ? required(policies.get(id), key) : null;
            case PROFILE -> ns.profiles.containsKey(id) ? required(profiles.get(id), key) : null;
            case IP_SET, NAMED_PORT_SET -> ns.sets.containsKey(id) ? ipSets.apply(id) : null;
            case CONFIG -> config.apply(key.node());
            case BARRIER -> throw new IllegalArgumentException("barriers are not state: " + key);
        };
    }

    int nodeCount() {
        return nodes.size();
    }

    private static DataplaneEntry required(DataplaneEntry e, DataplaneKey key) {
        if (e == null) {
            throw new EngineInvariantException(key + " is used by an endpoint but has no rendered rules");
        }
        return e;
    }

    /** A policy's or profile's IP sets changed: every node using it gains the new sets before losing the old. */
    private void ruleSetChanged(EntryType type, String id, Set<String> sets) {
        Map<String, Set<String>> setsOf = setsOf(type);
        Set<String> old = sets.isEmpty() ? setsOf.remove(id) : setsOf.put(id, Set.copyOf(sets));
        old = old == null ? Set.of() : old;
        for (String node : nodesOf(type).getOrDefault(id, Set.of())) {
            NodeState ns = nodes.get(node);
            dirty.accept(new DataplaneKey(node, type, id));
            for (String set : sets) {
                useSet(node, ns, set, 1);
            }
            for (String set : old) {
                useSet(node, ns, set, -1);
            }
        }
    }

    private void use(String node, NodeState ns, Map<String, Integer> refs, EntryType type, String id, int delta) {
        int count = refs.merge(id, delta, Integer::sum);
        if (count != 0 && !(count == 1 && delta == 1)) {
            return;
        }
        dirty.accept(new DataplaneKey(node, type, id));
        if (count == 0) {
            refs.remove(id);
            LabelIndex.removeFrom(nodesOf(type), id, node);
        } else {
            nodesOf(type).computeIfAbsent(id, k -> new HashSet<>()).add(node);
        }
        for (String set : setsOf(type).getOrDefault(id, Set.of())) {
            useSet(node, ns, set, delta);
        }
    }

    private Map<String, Set<String>> setsOf(EntryType type) {
        return type == EntryType.POLICY ? setsByPolicy : setsByProfile;
    }

    private Map<String, Set<String>> nodesOf(EntryType type) {
        return type == EntryType.POLICY ? nodesByPolicy : nodesByProfile;
    }

    private void useSet(String node, NodeState ns, String setId, int delta) {
        int count = ns.sets.merge(setId, delta, Integer::sum);
        if (count == 0) {
            ns.sets.remove(setId);
            LabelIndex.removeFrom(nodesBySet, setId, node);
            dirty.accept(new DataplaneKey(node, setType(setId), setId));
        } else if (count == 1 && delta == 1) {
            nodesBySet.computeIfAbsent(setId, k -> new HashSet<>()).add(node);
            dirty.accept(new DataplaneKey(node, setType(setId), setId));
        }
    }

    private void forgetIfEmpty(String node, NodeState ns) {
        if (ns.isEmpty()) {
            if (!ns.policies.isEmpty() || !ns.profiles.isEmpty() || !ns.sets.isEmpty()) {
                throw new EngineInvariantException("node " + node + " has no endpoints but still counts rule users");
            }
            nodes.remove(node);
            dirty.accept(new DataplaneKey(node, EntryType.CONFIG, NodeConfigEntry.ID));
        }
    }

    static EntryType setType(String setId) {
        return setId.startsWith("n:") ? EntryType.NAMED_PORT_SET : EntryType.IP_SET;
    }

    private static Set<String> policyIds(EndpointEntry e) {
        if (e == null) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (PolicyLists lists : List.of(e.untracked(), e.preDnat(), e.normal(), e.forward())) {
            for (List<TierPolicies> tiers : List.of(lists.ingress(), lists.egress())) {
                for (TierPolicies t : tiers) {
                    ids.addAll(t.policies());
                }
            }
        }
        return ids;
    }
}
