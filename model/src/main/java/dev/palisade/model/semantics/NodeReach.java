package dev.palisade.model.semantics;

import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which nodes a change reaches: those whose enforced state depends on something that differs between the
 * world before and after it. A node's state is what its driver renders: its Felix settings and interfaces,
 * its host endpoints, the policies (by list, direction and tier) and profiles that apply to them, and the
 * members of every set their rules name. A node outside has nothing new to apply, so its driver never
 * reports the change's revision; {@code palisade apply --wait} waits only for the nodes inside.
 *
 * <p>Labels are not part of a node's state: they count only through which policies apply and which sets
 * an address is in, so a label change that moves nothing reaches no node.
 */
public final class NodeReach {

    private NodeReach() {
    }

    public static SortedSet<String> changed(World before, World after) {
        SortedSet<String> all = new TreeSet<>(before.nodeNames());
        all.addAll(after.nodeNames());
        SortedSet<String> changed = new TreeSet<>();
        for (String node : all) {
            if (!state(before, node).equals(state(after, node))) {
                changed.add(node);
            }
        }
        return changed;
    }

    /** What a node's driver enforces, as comparable values (records and lists). */
    static List<Object> state(World world, String node) {
        List<Object> state = new ArrayList<>();
        state.add(world.felixSettings(node));
        state.add(world.node(node).map(n -> n.spec().interfaces()).orElse(List.of()));
        ApplicablePolicies applicable = new ApplicablePolicies(world);
        for (HostEndpoint h : world.hostEndpointsOn(node)) {
            state.add(Arrays.asList(h.metadata().name(), h.spec().interfaceName(), h.spec().expectedIPs(),
                    h.spec().profiles()));
            for (PolicyList list : PolicyList.values()) {
                for (PolicyType direction : PolicyType.values()) {
                    for (TierGroup group : applicable.tiers(h, list, direction)) {
                        state.add(Arrays.asList(list, direction, group.tier(), group.defaultAction()));
                        for (GlobalNetworkPolicy p : group.policies()) {
                            state.add(List.of(p.metadata().name(), p.spec()));
                            rules(world, p.spec().ingress(), state);
                            rules(world, p.spec().egress(), state);
                        }
                    }
                }
            }
            for (String name : h.spec().profiles()) {
                // a missing profile is enforced as deny-all; its labelsToApply count only through selectors
                Profile profile = world.profile(name).orElse(null);
                state.add(profile == null ? List.of(name) : List.of(name, profile.spec().ingress(), profile.spec().egress()));
                if (profile != null) {
                    rules(world, profile.spec().ingress(), state);
                    rules(world, profile.spec().egress(), state);
                }
            }
        }
        return state;
    }

    private static void rules(World world, List<Rule> rules, List<Object> state) {
        for (Rule r : rules) {
            for (EntityRule peer : new EntityRule[] {r.source(), r.destination()}) {
                if (peer == null) {
                    continue;
                }
                Set<String> portNames = new TreeSet<>();
                for (Port p : peer.ports()) {
                    if (p.isNamed()) {
                        portNames.add(p.name());
                    }
                }
                for (Port p : peer.notPorts()) {
                    if (p.isNamed()) {
                        portNames.add(p.name());
                    }
                }
                Selector positive = PeerSelectors.positive(peer, "rule");
                Selector negative = PeerSelectors.negative(peer, "rule");
                if (positive != null) {
                    state.add(members(world, positive, portNames));
                }
                if (negative != null) {
                    state.add(members(world, negative, Set.of()));
                }
            }
        }
    }

    /** The addresses (and named ports) of everything the selector matches, cluster-wide, sorted. */
    private static SortedSet<String> members(World world, Selector selector, Set<String> portNames) {
        SortedSet<String> members = new TreeSet<>();
        for (HostEndpoint h : world.hostEndpoints()) {
            if (selector.matches(world.labels(h))) {
                members.addAll(h.spec().expectedIPs());
                for (EndpointPort p : h.spec().ports()) {
                    if (portNames.contains(p.name())) {
                        h.spec().expectedIPs().forEach(ip -> members.add(ip + " " + p.name() + " " + p.protocol()
                                + " " + p.port()));
                    }
                }
            }
        }
        for (GlobalNetworkSet s : world.globalNetworkSets()) {
            if (selector.matches(s.metadata().labels())) {
                members.addAll(s.spec().nets());
            }
        }
        for (NetworkSet s : world.networkSets()) {
            if (selector.matches(world.labels(s))) {
                members.addAll(s.spec().nets());
            }
        }
        return members;
    }
}
