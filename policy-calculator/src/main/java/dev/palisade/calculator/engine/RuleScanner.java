package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ResourceKey;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders the rules of active policies and profiles, and keeps a reference count of the IP sets they use:
 * a set becomes needed when its first user appears and unneeded when its last goes (Felix's rule scanner).
 */
final class RuleScanner implements ActiveRulesCalculator.ActiveRulesListener {

    /** Rendered policies and profiles with the IP sets each references; entry null when no longer active. */
    interface RulesListener {
        void onPolicyRendered(String policyId, PolicyEntry entry, Set<String> ipSets);

        void onProfileRendered(String name, ProfileEntry entry, Set<String> ipSets);
    }

    /** The IP sets some active rule references. */
    interface IpSetDemand {
        void onIpSetNeeded(IpSetDef set);

        void onIpSetUnneeded(String setId);
    }

    private record Rendered(Object entry, Map<String, IpSetDef> sets) {
    }

    private final RulesListener rulesListener;
    private final IpSetDemand demand;
    private final Map<String, Rendered> policies = new HashMap<>();
    private final Map<String, Rendered> profiles = new HashMap<>();
    private final Map<String, Integer> setUse = new HashMap<>();

    RuleScanner(RulesListener rulesListener, IpSetDemand demand) {
        this.rulesListener = rulesListener;
        this.demand = demand;
    }

    static String policyId(ResourceKey key) {
        return "gnp/" + key.name();
    }

    @Override
    public void onPolicyActive(ResourceKey key, GlobalNetworkPolicy policy) {
        Map<String, IpSetDef> sets = new LinkedHashMap<>();
        RuleRenderer renderer = new RuleRenderer(sets);
        String id = policyId(key);
        PolicyEntry entry = new PolicyEntry(id, key.kind().kindName(), key.name(), policy.spec().tierOrDefault(),
                renderer.render(policy.spec().ingress(), "GlobalNetworkPolicy " + key.name() + " spec.ingress"),
                renderer.render(policy.spec().egress(), "GlobalNetworkPolicy " + key.name() + " spec.egress"));
        Rendered previous = policies.put(id, new Rendered(entry, sets));
        if (previous == null || !Objects.equals(previous.entry(), entry)) {
            swapSets(previous, sets);
            rulesListener.onPolicyRendered(id, entry, sets.keySet());
        }
    }

    @Override
    public void onPolicyInactive(ResourceKey key) {
        String id = policyId(key);
        Rendered previous = policies.remove(id);
        if (previous != null) {
            rulesListener.onPolicyRendered(id, null, Set.of());
            swapSets(previous, Map.of());
        }
    }

    @Override
    public void onProfileActive(String name, Profile profile) {
        Map<String, IpSetDef> sets = new LinkedHashMap<>();
        ProfileEntry entry;
        if (profile == null) {
            List<RuleEntry> deny = List.of(RuleEntry.of(Action.Deny));
            entry = new ProfileEntry(name, true, deny, deny);
        } else {
            RuleRenderer renderer = new RuleRenderer(sets);
            entry = new ProfileEntry(name, false, renderer.render(profile.spec().ingress(), "Profile " + name + " spec.ingress"),
                    renderer.render(profile.spec().egress(), "Profile " + name + " spec.egress"));
        }
        Rendered previous = profiles.put(name, new Rendered(entry, sets));
        if (previous == null || !Objects.equals(previous.entry(), entry)) {
            swapSets(previous, sets);
            rulesListener.onProfileRendered(name, entry, sets.keySet());
        }
    }

    @Override
    public void onProfileInactive(String name) {
        Rendered previous = profiles.remove(name);
        if (previous != null) {
            rulesListener.onProfileRendered(name, null, Set.of());
            swapSets(previous, Map.of());
        }
    }

    int activeIpSetCount() {
        return setUse.size();
    }

    /** New sets are announced before the rules using them, unneeded ones after the rules stopped using them. */
    private void swapSets(Rendered previous, Map<String, IpSetDef> now) {
        for (IpSetDef def : now.values()) {
            if (setUse.merge(def.id(), 1, Integer::sum) == 1) {
                demand.onIpSetNeeded(def);
            }
        }
        if (previous != null) {
            for (String id : previous.sets().keySet()) {
                if (setUse.merge(id, -1, Integer::sum) == 0) {
                    setUse.remove(id);
                    demand.onIpSetUnneeded(id);
                }
            }
        }
    }
}
