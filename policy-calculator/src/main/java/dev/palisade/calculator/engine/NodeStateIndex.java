package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.resource.Kind;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the dataplane must hold: each owned node's endpoints (and, for every node that exists, its configuration),
 * and — reference-counted across the cluster, whichever calculator publishes the node — the policies and
 * profiles some endpoint uses and the sets those rules use. Shared entries are published once for all nodes (format 2), so a set that changes is one
 * record however many nodes use it. A change marks exactly the affected keys dirty; {@link #desired} answers
 * what a key's value should now be.
 */
final class NodeStateIndex implements UpdateHandler, PolicyResolver.EndpointListener, RuleScanner.RulesListener,
        IpSetMemberIndex.IpSetListener, ConfigCalculator.ConfigListener {

    private static final class NodeState {
        final Map<String, EndpointEntry> endpoints = new HashMap<>();
        boolean declared;

        boolean isEmpty() {
            return endpoints.isEmpty() && !declared;
        }
    }

    /** One kind of shared rule set (policies or profiles): rendered entries, their sets, and their users. */
    private final class RuleSets {
        final EntryType type;
        final Map<String, DataplaneEntry> rendered = new HashMap<>();
        final Map<String, Set<String>> sets = new HashMap<>();
        /** How many endpoints name each id (policies: 1 while any does, as the resolver tells). */
        final UseCounts<String> users = new UseCounts<>();

        RuleSets(EntryType type) {
            this.type = type;
        }

        void rendered(String id, DataplaneEntry entry, Set<String> newSets) {
            if (entry == null) {
                rendered.remove(id);
            } else {
                rendered.put(id, entry);
            }
            Set<String> old = newSets.isEmpty() ? sets.remove(id) : sets.put(id, Set.copyOf(newSets));
            if (users.contains(id)) {
                dirty.accept(DataplaneKey.shared(type, id));
                newSets.forEach(s -> useSet(s, 1));
                (old == null ? Set.<String>of() : old).forEach(s -> useSet(s, -1));
            }
        }

        void use(String id, int delta) {
            int count = users.change(id, delta);
            if (count != 0 && !(count == 1 && delta == 1)) {
                return;
            }
            dirty.accept(DataplaneKey.shared(type, id));
            sets.getOrDefault(id, Set.of()).forEach(s -> useSet(s, delta));
        }

        DataplaneEntry desired(DataplaneKey key) {
            if (!users.contains(key.id())) {
                return null;
            }
            DataplaneEntry e = rendered.get(key.id());
            if (e == null) {
                throw new EngineInvariantException(key + " is used by an endpoint but has no rendered rules");
            }
            return e;
        }
    }

    private final Consumer<DataplaneKey> dirty;
    private final Shard shard;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final RuleSets policies = new RuleSets(EntryType.POLICY);
    private final RuleSets profiles = new RuleSets(EntryType.PROFILE);
    /** How many used policies and profiles name each set. */
    private final UseCounts<String> setUsers = new UseCounts<>();

    NodeStateIndex(Consumer<DataplaneKey> dirty, Shard shard) {
        this.dirty = dirty;
        this.shard = shard;
    }

    /** Node resources declare nodes that have no host endpoint yet: they get their configuration too. */
    @Override
    public void onUpdate(Update update) {
        if (update.key().kind() != Kind.NODE) {
            return;
        }
        String name = update.key().name();
        if (!shard.ownsNode(name)) {
            return;
        }
        NodeState ns = nodes.get(name);
        if (update.exists() && ns == null) {
            ns = new NodeState();
            nodes.put(name, ns);
            dirty.accept(configKey(name));
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
            dirty.accept(configKey(node));
        }
        if (entry == null) {
            ns.endpoints.remove(name);
        } else {
            ns.endpoints.put(name, entry);
        }
        // Whether the entry itself changed is the sequencer's question: it compares with what it published.
        dirty.accept(new DataplaneKey(node, EntryType.ENDPOINT, name));
        forgetIfEmpty(node, ns);
    }

    @Override
    public void onPolicyUsed(String policyId, boolean used) {
        policies.use(policyId, used ? 1 : -1);
    }

    @Override
    public void onEndpointProfiles(List<String> before, List<String> after) {
        changeUsers(profiles, Set.copyOf(before), Set.copyOf(after));
    }

    @Override
    public void onPolicyRendered(String policyId, PolicyEntry entry, Set<String> sets) {
        policies.rendered(policyId, entry, sets);
    }

    @Override
    public void onProfileRendered(String name, ProfileEntry entry, Set<String> sets) {
        profiles.rendered(name, entry, sets);
    }

    @Override
    public void onIpSetChanged(String setId) {
        if (setUsers.contains(setId)) {
            dirty.accept(DataplaneKey.shared(setType(setId), setId));
        }
    }

    @Override
    public void onConfigChanged(String node) {
        for (String n : node == null ? nodes.keySet() : nodes.containsKey(node) ? Set.of(node) : Set.<String>of()) {
            dirty.accept(configKey(n));
        }
    }

    /**
     * The value {@code key} should have now, or null when it should not exist. IP sets and node configuration
     * are owned elsewhere; this index only says whether they are needed.
     */
    DataplaneEntry desired(DataplaneKey key, Function<String, DataplaneEntry> ipSets,
                           Function<String, DataplaneEntry> config) {
        if (key.isShared()) {
            return switch (key.type()) {
                case POLICY -> policies.desired(key);
                case PROFILE -> profiles.desired(key);
                case IP_SET, NAMED_PORT_SET -> setUsers.contains(key.id()) ? ipSets.apply(key.id()) : null;
                default -> throw new IllegalArgumentException("not a shared entry: " + key);
            };
        }
        NodeState ns = nodes.get(key.node());
        if (ns == null) {
            return null;
        }
        return switch (key.type()) {
            case ENDPOINT -> ns.endpoints.get(key.id());
            case CONFIG -> config.apply(key.node());
            default -> throw new IllegalArgumentException("not a node entry: " + key);
        };
    }

    int nodeCount() {
        return nodes.size();
    }

    /** Additions before removals, so a set one rule set drops and another picks up is never withdrawn and re-sent. */
    private static void changeUsers(RuleSets rules, Collection<String> before, Collection<String> after) {
        for (String id : after) {
            if (!before.contains(id)) {
                rules.use(id, 1);
            }
        }
        for (String id : before) {
            if (!after.contains(id)) {
                rules.use(id, -1);
            }
        }
    }

    private void useSet(String setId, int delta) {
        int count = setUsers.change(setId, delta);
        if (count == 0) {
            dirty.accept(DataplaneKey.shared(setType(setId), setId));
        } else if (count == 1 && delta == 1) {
            dirty.accept(DataplaneKey.shared(setType(setId), setId));
        }
    }

    private void forgetIfEmpty(String node, NodeState ns) {
        if (ns.isEmpty()) {
            nodes.remove(node);
            dirty.accept(configKey(node));
        }
    }

    private static DataplaneKey configKey(String node) {
        return new DataplaneKey(node, EntryType.CONFIG, NodeConfigEntry.ID);
    }

    static EntryType setType(String setId) {
        return setId.startsWith("n:") ? EntryType.NAMED_PORT_SET : EntryType.IP_SET;
    }

}
