package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.EndOfTier;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;
import dev.palisade.model.semantics.PolicyOrder;
import dev.palisade.model.validation.BuiltIns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Each host endpoint's ordered, classified policy lists (spec §4.3–4.4). Changes only mark endpoints dirty;
 * the lists are recomputed once per endpoint in {@link #flush()}, however many changes touched it.
 */
final class PolicyResolver implements UpdateHandler, ActiveRulesCalculator.PolicyMatchListener {

    /** An endpoint's entry for its node, or null when the endpoint left that node. */
    interface EndpointListener {
        void onEndpoint(String node, String name, EndpointEntry entry);
    }

    private final EndpointListener listener;
    private final Map<ResourceKey, HostEndpoint> endpoints = new HashMap<>();
    private final Map<ResourceKey, GlobalNetworkPolicy> policies = new HashMap<>();
    private final Map<String, Tier> tiers = new HashMap<>();
    /** A policy with its ordering keys, computed once per resolve rather than once per comparison. */
    private record Ordered(PolicyOrder.TierKey tier, PolicyOrder.PolicyKey key, GlobalNetworkPolicy policy) {
    }

    private static final Comparator<Ordered> EVALUATION_ORDER = Comparator
            .comparing(Ordered::tier, PolicyOrder.TIERS)
            .thenComparing(Ordered::key, PolicyOrder.POLICIES);
    private final Map<ResourceKey, Set<ResourceKey>> policiesByEndpoint = new HashMap<>();
    private final Map<ResourceKey, Set<ResourceKey>> endpointsByPolicy = new HashMap<>();
    private final Map<String, Set<ResourceKey>> policiesByTier = new HashMap<>();
    private final Map<ResourceKey, String> publishedNode = new HashMap<>();
    private final Set<ResourceKey> dirty = new LinkedHashSet<>();

    PolicyResolver(EndpointListener listener) {
        this.listener = listener;
    }

    @Override
    public void onUpdate(Update update) {
        ResourceKey key = update.key();
        switch (key.kind()) {
            case HOST_ENDPOINT -> {
                if (update.value() == null) {
                    endpoints.remove(key);
                } else {
                    endpoints.put(key, (HostEndpoint) update.value());
                }
                dirty.add(key);
            }
            case GLOBAL_NETWORK_POLICY -> updatePolicy(key, (GlobalNetworkPolicy) update.value());
            case TIER -> {
                Tier t = (Tier) update.value();
                Tier old = t == null ? tiers.remove(key.name()) : tiers.put(key.name(), t);
                if (!Objects.equals(old == null ? null : old.spec(), t == null ? null : t.spec())) {
                    for (ResourceKey policy : policiesByTier.getOrDefault(key.name(), Set.of())) {
                        dirty.addAll(endpointsByPolicy.getOrDefault(policy, Set.of()));
                    }
                }
            }
            default -> {
            }
        }
    }

    private void updatePolicy(ResourceKey key, GlobalNetworkPolicy policy) {
        GlobalNetworkPolicy old = policy == null ? policies.remove(key) : policies.put(key, policy);
        if (old != null) {
            LabelIndex.removeFrom(policiesByTier, old.spec().tierOrDefault(), key);
        }
        if (policy != null) {
            policiesByTier.computeIfAbsent(policy.spec().tierOrDefault(), k -> new HashSet<>()).add(key);
        }
        dirty.addAll(endpointsByPolicy.getOrDefault(key, Set.of()));
    }

    @Override
    public void onPolicyMatch(ResourceKey policy, ResourceKey endpoint) {
        policiesByEndpoint.computeIfAbsent(endpoint, k -> new HashSet<>()).add(policy);
        endpointsByPolicy.computeIfAbsent(policy, k -> new HashSet<>()).add(endpoint);
        dirty.add(endpoint);
    }

    @Override
    public void onPolicyMatchStopped(ResourceKey policy, ResourceKey endpoint) {
        LabelIndex.removeFrom(policiesByEndpoint, endpoint, policy);
        LabelIndex.removeFrom(endpointsByPolicy, policy, endpoint);
        dirty.add(endpoint);
    }

    void flush() {
        for (ResourceKey key : dirty) {
            HostEndpoint hep = endpoints.get(key);
            String before = publishedNode.get(key);
            String node = hep == null ? null : hep.spec().node();
            if (before != null && !before.equals(node)) {
                listener.onEndpoint(before, key.name(), null);
                publishedNode.remove(key);
            }
            if (hep != null) {
                listener.onEndpoint(node, key.name(), resolve(hep));
                publishedNode.put(key, node);
            }
        }
        dirty.clear();
    }

    int endpointCount() {
        return endpoints.size();
    }

    private EndpointEntry resolve(HostEndpoint hep) {
        List<Ordered> applicable = new ArrayList<>();
        for (ResourceKey key : policiesByEndpoint.getOrDefault(hep.key(), Set.of())) {
            GlobalNetworkPolicy p = policies.get(key);
            applicable.add(new Ordered(tierKey(p.spec().tierOrDefault()), PolicyOrder.PolicyKey.of(p), p));
        }
        applicable.sort(EVALUATION_ORDER);
        Lists untracked = new Lists(true);
        Lists preDnat = new Lists(true);
        Lists normal = new Lists(false);
        Lists forward = new Lists(false);
        for (Ordered o : applicable) {
            GlobalNetworkPolicy p = o.policy();
            var spec = p.spec();
            String id = RuleScanner.policyId(p.key());
            for (PolicyType type : spec.effectiveTypes()) {
                boolean ingress = type == PolicyType.Ingress;
                if (spec.doNotTrack()) {
                    if (!hep.spec().isWildcard()) {
                        untracked.add(ingress, spec.tierOrDefault(), id);
                    }
                } else if (spec.preDNAT()) {
                    if (ingress) {
                        preDnat.add(true, spec.tierOrDefault(), id);
                    }
                } else {
                    normal.add(ingress, spec.tierOrDefault(), id);
                    if (spec.applyOnForward()) {
                        forward.add(ingress, spec.tierOrDefault(), id);
                    }
                }
            }
        }
        return new EndpointEntry(hep.metadata().name(), hep.spec().interfaceName(), hep.spec().expectedIPs(),
                hep.spec().profiles(), untracked.build(), preDnat.build(), normal.build(), forward.build());
    }

    /** The tier, or null when it does not exist; Calico's built-in tiers exist even when the datastore omits them. */
    private Tier tier(String name) {
        Tier t = tiers.get(name);
        return t != null ? t : BuiltIns.tier(name).orElse(null);
    }

    private PolicyOrder.TierKey tierKey(String name) {
        return PolicyOrder.TierKey.of(name, tier(name));
    }

    /** Builds one evaluation's tier lists from policies fed in evaluation order. */
    private final class Lists {
        private final boolean alwaysPass;
        private final List<TierPolicies> ingress = new ArrayList<>();
        private final List<TierPolicies> egress = new ArrayList<>();

        Lists(boolean alwaysPass) {
            this.alwaysPass = alwaysPass;
        }

        void add(boolean isIngress, String tier, String policyId) {
            List<TierPolicies> list = isIngress ? ingress : egress;
            if (list.isEmpty() || !list.getLast().tier().equals(tier)) {
                list.add(new TierPolicies(tier, endOfTier(tier), new ArrayList<>()));
            }
            // TierPolicies copies its list; rebuild with the policy appended.
            TierPolicies last = list.removeLast();
            List<String> ids = new ArrayList<>(last.policies());
            ids.add(policyId);
            list.add(new TierPolicies(tier, last.endOfTier(), ids));
        }

        private EndOfTier endOfTier(String tier) {
            if (alwaysPass) {
                return EndOfTier.Pass;
            }
            Tier t = tier(tier);
            return t != null && t.spec().defaultActionOrDeny() == TierSpec.TierAction.Pass ? EndOfTier.Pass : EndOfTier.Deny;
        }

        PolicyLists build() {
            return ingress.isEmpty() && egress.isEmpty() ? PolicyLists.EMPTY : new PolicyLists(ingress, egress);
        }
    }
}
