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
import java.util.Collection;
import java.util.Collections;
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

    /**
     * An endpoint's entry for its node, or null when the endpoint left that node, with the policy ids its lists
     * name now and did not before ({@code named}) and the reverse ({@code unnamed}).
     */
    interface EndpointListener {
        void onEndpoint(String node, String name, EndpointEntry entry, Collection<String> named,
                        Collection<String> unnamed);
    }

    private final EndpointListener listener;
    private final Map<ResourceKey, HostEndpoint> endpoints = new HashMap<>();
    private final Map<ResourceKey, GlobalNetworkPolicy> policies = new HashMap<>();
    private final Map<String, Tier> tiers = new HashMap<>();
    /**
     * What resolving needs of one policy: its ordering keys and classification. Kept until the policy or its
     * tier changes, because a change re-resolves every endpoint the policy applies to.
     */
    private record Ordered(PolicyOrder.TierKey tier, PolicyOrder.PolicyKey key, String id, String tierName,
                           boolean ingress, boolean egress, boolean doNotTrack, boolean preDnat, boolean forward) {
    }

    private static final Comparator<Ordered> EVALUATION_ORDER = (a, b) -> {
        int c = PolicyOrder.TIERS.compare(a.tier(), b.tier());
        return c != 0 ? c : PolicyOrder.POLICIES.compare(a.key(), b.key());
    };
    private final Map<ResourceKey, Ordered> ordered = new HashMap<>();
    /**
     * Each endpoint's applicable policies in evaluation order, kept up to date as matches start and stop so a
     * change of one policy costs each affected endpoint an insertion, not a sort. Dropped (and rebuilt by
     * sorting) whenever a policy it holds changes its ordering or classification.
     */
    private final Map<ResourceKey, List<Ordered>> sorted = new HashMap<>();
    private final Map<ResourceKey, Set<ResourceKey>> policiesByEndpoint = new HashMap<>();
    private final Map<ResourceKey, Set<ResourceKey>> endpointsByPolicy = new HashMap<>();
    private final Map<String, Set<ResourceKey>> policiesByTier = new HashMap<>();
    private final Map<ResourceKey, String> publishedNode = new HashMap<>();
    private final Set<ResourceKey> dirty = new LinkedHashSet<>();
    /** The policy ids each endpoint's published lists name. */
    private final Map<ResourceKey, Set<String>> named = new HashMap<>();
    /**
     * Per dirty endpoint, the only policies whose naming can have changed (matches started or stopped, policies
     * reclassified), so the ids are diffed for those alone; an endpoint absent here is diffed in full.
     */
    private final Map<ResourceKey, Set<ResourceKey>> touched = new HashMap<>();
    private final Set<ResourceKey> diffInFull = new HashSet<>();

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
                diffInFull.add(key);
            }
            case GLOBAL_NETWORK_POLICY -> updatePolicy(key, (GlobalNetworkPolicy) update.value());
            case TIER -> {
                Tier t = (Tier) update.value();
                Tier old = t == null ? tiers.remove(key.name()) : tiers.put(key.name(), t);
                if (!Objects.equals(old == null ? null : old.spec(), t == null ? null : t.spec())) {
                    for (ResourceKey policy : policiesByTier.getOrDefault(key.name(), Set.of())) {
                        forgetOrder(policy);
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
        if (policy == null || !order(policy).equals(ordered.get(key))) {
            forgetOrder(key);
            for (ResourceKey endpoint : endpointsByPolicy.getOrDefault(key, Set.of())) {
                touch(endpoint, key);
            }
        }
        if (old != null) {
            LabelIndex.removeFrom(policiesByTier, old.spec().tierOrDefault(), key);
        }
        if (policy != null) {
            policiesByTier.computeIfAbsent(policy.spec().tierOrDefault(), k -> new HashSet<>()).add(key);
        }
        dirty.addAll(endpointsByPolicy.getOrDefault(key, Set.of()));
    }

    /** The policy's ordering changed or it is gone: endpoints holding its old position sort afresh. */
    private void forgetOrder(ResourceKey policy) {
        ordered.remove(policy);
        for (ResourceKey endpoint : endpointsByPolicy.getOrDefault(policy, Set.of())) {
            sorted.remove(endpoint);
        }
    }

    @Override
    public void onPolicyMatch(ResourceKey policy, ResourceKey endpoint) {
        boolean added = policiesByEndpoint.computeIfAbsent(endpoint, k -> new HashSet<>()).add(policy);
        endpointsByPolicy.computeIfAbsent(policy, k -> new HashSet<>()).add(endpoint);
        List<Ordered> list = sorted.get(endpoint);
        if (added && list != null) {
            Ordered o = ordered(policy);
            int at = Collections.binarySearch(list, o, EVALUATION_ORDER);
            list.add(at < 0 ? -at - 1 : at, o);
        }
        touch(endpoint, policy);
    }

    @Override
    public void onPolicyMatchStopped(ResourceKey policy, ResourceKey endpoint) {
        boolean removed = policiesByEndpoint.getOrDefault(endpoint, Set.of()).contains(policy);
        LabelIndex.removeFrom(policiesByEndpoint, endpoint, policy);
        LabelIndex.removeFrom(endpointsByPolicy, policy, endpoint);
        List<Ordered> list = sorted.get(endpoint);
        if (removed && list != null) {
            Ordered o = ordered.get(policy);
            int at = o == null ? -1 : Collections.binarySearch(list, o, EVALUATION_ORDER);
            if (at >= 0 && list.get(at).equals(o)) {
                list.remove(at);
            } else {
                sorted.remove(endpoint);
            }
        }
        touch(endpoint, policy);
    }

    private void touch(ResourceKey endpoint, ResourceKey policy) {
        dirty.add(endpoint);
        if (!diffInFull.contains(endpoint)) {
            touched.computeIfAbsent(endpoint, k -> new HashSet<>()).add(policy);
        }
    }

    private Ordered ordered(ResourceKey policy) {
        return ordered.computeIfAbsent(policy, k -> order(policies.get(k)));
    }

    void flush() {
        for (ResourceKey key : dirty) {
            HostEndpoint hep = endpoints.get(key);
            String before = publishedNode.get(key);
            String node = hep == null ? null : hep.spec().node();
            if (before != null && !before.equals(node)) {
                listener.onEndpoint(before, key.name(), null, List.of(), named.remove(key));
                publishedNode.remove(key);
            }
            if (hep != null) {
                EndpointEntry entry = resolve(hep);
                Set<String> names = named.computeIfAbsent(key, k -> new HashSet<>());
                List<String> added = new ArrayList<>();
                List<String> removed = new ArrayList<>();
                if (diffInFull.contains(key) || !touched.containsKey(key)) {
                    Set<String> now = new HashSet<>();
                    sorted.get(key).stream().filter(o -> named(o, hep)).forEach(o -> now.add(o.id()));
                    now.stream().filter(id -> !names.contains(id)).forEach(added::add);
                    names.stream().filter(id -> !now.contains(id)).forEach(removed::add);
                } else {
                    Set<ResourceKey> matched = policiesByEndpoint.getOrDefault(key, Set.of());
                    for (ResourceKey policy : touched.get(key)) {
                        boolean now = matched.contains(policy) && named(ordered(policy), hep);
                        String id = RuleScanner.policyId(policy);
                        if (now != names.contains(id)) {
                            (now ? added : removed).add(id);
                        }
                    }
                }
                names.addAll(added);
                removed.forEach(names::remove);
                listener.onEndpoint(node, key.name(), entry, added, removed);
                publishedNode.put(key, node);
            } else {
                sorted.remove(key);
                named.remove(key);
            }
        }
        dirty.clear();
        touched.clear();
        diffInFull.clear();
    }

    int endpointCount() {
        return endpoints.size();
    }

    private EndpointEntry resolve(HostEndpoint hep) {
        List<Ordered> applicable = sorted.computeIfAbsent(hep.key(), this::sortedPolicies);
        Lists untracked = new Lists(true);
        Lists preDnat = new Lists(true);
        Lists normal = new Lists(false);
        Lists forward = new Lists(false);
        for (Ordered o : applicable) {
            if (!named(o, hep)) {
                continue;
            }
            if (o.doNotTrack()) {
                untracked.add(o);
            } else if (o.preDnat()) {
                preDnat.add(o.tierName(), o.id(), true);
            } else {
                normal.add(o);
                if (o.forward()) {
                    forward.add(o);
                }
            }
        }
        return new EndpointEntry(hep.metadata().name(), hep.spec().interfaceName(), hep.spec().expectedIPs(),
                hep.spec().profiles(), untracked.build(), preDnat.build(), normal.build(), forward.build());
    }

    /**
     * Whether the endpoint's lists name an applicable policy: Calico ignores untracked policy on a wildcard
     * endpoint, and preDNAT policy has no egress.
     */
    private static boolean named(Ordered o, HostEndpoint hep) {
        if (o.doNotTrack()) {
            return !hep.spec().isWildcard();
        }
        return o.preDnat() ? o.ingress() : o.ingress() || o.egress();
    }

    private List<Ordered> sortedPolicies(ResourceKey endpoint) {
        Set<ResourceKey> keys = policiesByEndpoint.getOrDefault(endpoint, Set.of());
        List<Ordered> list = new ArrayList<>(keys.size());
        for (ResourceKey key : keys) {
            list.add(ordered(key));
        }
        list.sort(EVALUATION_ORDER);
        return list;
    }

    private Ordered order(GlobalNetworkPolicy p) {
        var spec = p.spec();
        List<PolicyType> types = spec.effectiveTypes();
        return new Ordered(tierKey(spec.tierOrDefault()), PolicyOrder.PolicyKey.of(p), RuleScanner.policyId(p.key()),
                spec.tierOrDefault(), types.contains(PolicyType.Ingress), types.contains(PolicyType.Egress),
                spec.doNotTrack(), spec.preDNAT(), spec.applyOnForward());
    }

    /** The tier, or null when it does not exist; Calico's built-in tiers exist even when the datastore omits them. */
    private Tier tier(String name) {
        Tier t = tiers.get(name);
        return t != null ? t : BuiltIns.tier(name).orElse(null);
    }

    private PolicyOrder.TierKey tierKey(String name) {
        return PolicyOrder.TierKey.of(name, tier(name));
    }

    /** Builds one evaluation's tier lists from policies fed in evaluation order (so each tier's run is contiguous). */
    private final class Lists {
        private final boolean alwaysPass;
        private final Direction ingress = new Direction();
        private final Direction egress = new Direction();

        Lists(boolean alwaysPass) {
            this.alwaysPass = alwaysPass;
        }

        void add(Ordered o) {
            if (o.ingress()) {
                ingress.add(o.tierName(), o.id());
            }
            if (o.egress()) {
                egress.add(o.tierName(), o.id());
            }
        }

        void add(String tier, String policyId, boolean isIngress) {
            (isIngress ? ingress : egress).add(tier, policyId);
        }

        PolicyLists build() {
            return ingress.isEmpty() && egress.isEmpty() ? PolicyLists.EMPTY
                    : new PolicyLists(ingress.build(), egress.build());
        }

        /** One direction's tiers; nothing is allocated until a policy arrives. */
        private final class Direction {
            private List<TierPolicies> done;
            private String tier;
            private List<String> ids;

            void add(String tierName, String policyId) {
                if (!tierName.equals(tier)) {
                    close();
                    tier = tierName;
                    ids = new ArrayList<>();
                }
                ids.add(policyId);
            }

            boolean isEmpty() {
                return tier == null;
            }

            List<TierPolicies> build() {
                close();
                return done == null ? List.of() : done;
            }

            private void close() {
                if (tier != null) {
                    if (done == null) {
                        done = new ArrayList<>(4);
                    }
                    done.add(new TierPolicies(tier, endOfTier(tier), ids));
                }
            }
        }

        private EndOfTier endOfTier(String tier) {
            if (alwaysPass) {
                return EndOfTier.Pass;
            }
            Tier t = tier(tier);
            return t != null && t.spec().defaultActionOrDeny() == TierSpec.TierAction.Pass ? EndOfTier.Pass : EndOfTier.Deny;
        }
    }
}
