package dev.palisade.model.dataplane;

import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The references between entries, and what one node enforces in format 2: its own entries (endpoints and
 * configuration) plus the shared entries they reach — the policies and profiles its endpoints name, and the
 * IP and named-port sets those rules name. The calculator publishes shared entries once for all nodes; a
 * driver (and the differential test) takes from them only this closure.
 */
public final class SharedReferences {

    /**
     * A node's complete entry set, or what it lacks.
     *
     * @param entries the node's entries followed by every shared entry they reach that exists
     * @param missing shared keys that are referenced but absent: the state cannot be enforced as it is
     */
    public record Closure(List<DataplaneEntry> entries, SortedSet<DataplaneKey> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private SharedReferences() {
    }

    /** The node's entries plus the shared entries they reach through {@code shared}. */
    public static Closure closure(Collection<? extends DataplaneEntry> nodeEntries,
                                  Function<DataplaneKey, ? extends DataplaneEntry> shared) {
        List<DataplaneEntry> entries = new ArrayList<>(nodeEntries);
        SortedSet<DataplaneKey> missing = new TreeSet<>();
        Set<DataplaneKey> seen = new LinkedHashSet<>();
        List<DataplaneEntry> frontier = new ArrayList<>(nodeEntries);
        while (!frontier.isEmpty()) {
            List<DataplaneEntry> next = new ArrayList<>();
            for (DataplaneEntry e : frontier) {
                for (DataplaneKey k : referencedBy(e)) {
                    if (seen.add(k)) {
                        DataplaneEntry target = shared.apply(k);
                        if (target == null) {
                            missing.add(k);
                        } else {
                            entries.add(target);
                            next.add(target);
                        }
                    }
                }
            }
            frontier = next;
        }
        return new Closure(entries, missing);
    }

    /** The shared keys {@code entry} names directly: an endpoint's policies and profiles, a rule set's sets. */
    public static Set<DataplaneKey> referencedBy(DataplaneEntry entry) {
        Set<DataplaneKey> out = new LinkedHashSet<>();
        switch (entry) {
            case EndpointEntry ep -> {
                for (String id : policyIds(ep)) {
                    out.add(DataplaneKey.shared(EntryType.POLICY, id));
                }
                for (String id : ep.profiles()) {
                    out.add(DataplaneKey.shared(EntryType.PROFILE, id));
                }
            }
            case PolicyEntry p -> addSets(out, p.ingress(), p.egress());
            case ProfileEntry p -> addSets(out, p.ingress(), p.egress());
            default -> {
            }
        }
        return out;
    }

    /** Every policy id in the endpoint's four evaluations, both directions. */
    public static Set<String> policyIds(EndpointEntry e) {
        Set<String> ids = new LinkedHashSet<>();
        for (PolicyLists lists : List.of(e.untracked(), e.preDnat(), e.normal(), e.forward())) {
            for (List<TierPolicies> tiers : List.of(lists.ingress(), lists.egress())) {
                for (TierPolicies t : tiers) {
                    ids.addAll(t.policies());
                }
            }
        }
        return ids;
    }

    /** The IP-set and named-port-set ids the rules name. */
    public static Set<DataplaneKey> setsOf(List<RuleEntry> ingress, List<RuleEntry> egress) {
        Set<DataplaneKey> out = new LinkedHashSet<>();
        addSets(out, ingress, egress);
        return out;
    }

    private static void addSets(Set<DataplaneKey> out, List<RuleEntry> ingress, List<RuleEntry> egress) {
        for (List<RuleEntry> rules : List.of(ingress, egress)) {
            for (RuleEntry r : rules) {
                for (RuleEntry.PeerMatch peer : List.of(r.source(), r.destination())) {
                    for (List<String> ids : List.of(peer.ipSets(), peer.notIpSets())) {
                        ids.forEach(id -> out.add(DataplaneKey.shared(EntryType.IP_SET, id)));
                    }
                    for (List<String> ids : List.of(peer.namedPortSets(), peer.notNamedPortSets())) {
                        ids.forEach(id -> out.add(DataplaneKey.shared(EntryType.NAMED_PORT_SET, id)));
                    }
                }
            }
        }
    }
}
