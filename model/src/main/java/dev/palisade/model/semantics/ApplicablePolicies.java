package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec.TierAction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which global policies apply to a host endpoint (spec §4.2), sorted into lists (§4.3) and tiers (§4.4).
 * Tiers with no applicable policy in the direction asked for are left out, as Felix skips them.
 */
final class ApplicablePolicies {

    record Key(String hostEndpoint, PolicyList list, PolicyType direction) {
    }

    private final World world;

    ApplicablePolicies(World world) {
        this.world = world;
    }

    List<TierGroup> tiers(HostEndpoint hep, PolicyList list, PolicyType direction) {
        if (!world.owns(hep)) {
            return compute(hep, list, direction);
        }
        // every stage of every packet through this endpoint asks again
        return world.applicable(new Key(hep.metadata().name(), list, direction), () -> compute(hep, list, direction),
                before -> retiered(before, list));
    }

    /** Groups worked out before a tier write, with every tier's default action and order as they are now. */
    private List<TierGroup> retiered(List<TierGroup> before, PolicyList list) {
        return before.stream()
                .sorted(Comparator.comparing(g -> PolicyOrder.TierKey.of(g.tier(), world.tier(g.tier()).orElse(null)),
                        PolicyOrder.TIERS))
                .map(g -> new TierGroup(g.tier(), defaultAction(g.tier(), list), g.policies()))
                .toList();
    }

    private List<TierGroup> compute(HostEndpoint hep, PolicyList list, PolicyType direction) {
        Map<String, List<GlobalNetworkPolicy>> byTier = world.policySelection().selecting(hep).stream()
                .filter(p -> listOf(p.spec()).contains(list))
                .filter(p -> governs(p.spec(), list, direction))
                .collect(Collectors.groupingBy(p -> p.spec().tierOrDefault()));
        List<TierGroup> groups = new ArrayList<>();
        byTier.entrySet().stream()
                .sorted(Comparator.comparing(e -> PolicyOrder.TierKey.of(e.getKey(),
                        world.tier(e.getKey()).orElse(null)), PolicyOrder.TIERS))
                .forEach(e -> groups.add(new TierGroup(e.getKey(), defaultAction(e.getKey(), list),
                        e.getValue().stream()
                                .sorted(Comparator.comparing(PolicyOrder.PolicyKey::of, PolicyOrder.POLICIES))
                                .toList())));
        return groups;
    }

    /** A policy goes to exactly one of untracked / pre-DNAT / normal, and normal ones may also go to forward. */
    private static List<PolicyList> listOf(GlobalNetworkPolicySpec spec) {
        if (spec.doNotTrack()) {
            return List.of(PolicyList.UNTRACKED);
        }
        if (spec.preDNAT()) {
            return List.of(PolicyList.PRE_DNAT);
        }
        return spec.applyOnForward() ? List.of(PolicyList.NORMAL, PolicyList.FORWARD) : List.of(PolicyList.NORMAL);
    }

    /** Types, not rule presence, decide the directions; pre-DNAT policy has no egress side. */
    private static boolean governs(GlobalNetworkPolicySpec spec, PolicyList list, PolicyType direction) {
        return spec.effectiveTypes().contains(direction)
                && !(list == PolicyList.PRE_DNAT && direction == PolicyType.Egress);
    }

    private TierAction defaultAction(String tier, PolicyList list) {
        if (list.tiersAlwaysPass()) {
            return TierAction.Pass;
        }
        return world.tier(tier).map(Tier::spec).map(s -> s.defaultActionOrDeny()).orElse(TierAction.Deny);
    }
}
