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
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Each host endpoint's ordered, classified policy lists (spec §4.3–4.4), and which policies some endpoint's
 * lists name (the shared stream publishes those). Changes only mark endpoints and policies dirty; lists and
 * use are recomputed once per flush, however many changes touched them.
 *
 * <p>Sized for 100k endpoints × 10k policies (tens of millions of matches): a policy holds its endpoints as a
 * bit set over the endpoints' numbers in the label index, and an endpoint this calculator publishes
 * ({@link Shard#ownsNode}) holds its applicable policies once, as a list kept in evaluation order. An endpoint
 * of another calculator's node holds no list: whether a policy is named anywhere follows from its
 * classification and its bit set alone (untracked policy is named only by non-wildcard endpoints), so the lists,
 * their sorting and the entries are divided among the calculators.
 */
final class PolicyResolver implements UpdateHandler, ActiveRulesCalculator.PolicyMatchListener {

    /** What the resolver hands over at flush. */
    interface EndpointListener {
        /** An owned endpoint's entry for its node, or null when the endpoint left that node. */
        void onEndpoint(String node, String name, EndpointEntry entry);

        /** A policy started ({@code used}) or stopped being named by some endpoint, anywhere in the cluster. */
        void onPolicyUsed(String policyId, boolean used);

        /** An endpoint, anywhere in the cluster, named {@code before} and now names {@code after}. */
        void onEndpointProfiles(List<String> before, List<String> after);
    }

    /** What resolving needs of one policy: its ordering keys and classification. */
    private record Ordered(PolicyOrder.TierKey tier, PolicyOrder.PolicyKey key, String id, String tierName,
                           boolean ingress, boolean egress, boolean doNotTrack, boolean preDnat, boolean forward) {
    }

    private static final Comparator<Ordered> EVALUATION_ORDER = (a, b) -> {
        int c = PolicyOrder.TIERS.compare(a.tier(), b.tier());
        return c != 0 ? c : PolicyOrder.POLICIES.compare(a.key(), b.key());
    };

    private static final class Policy {
        final String id;
        GlobalNetworkPolicy value;
        Ordered ordered;
        /** The numbers of the endpoints it applies to. */
        final BitSet endpoints = new BitSet();
        /** Whether the listener was last told that some endpoint names it. */
        boolean used;
        boolean dirty;

        Policy(String id) {
            this.id = id;
        }
    }

    private static final class Endpoint {
        final ResourceKey key;
        /** The label index's number for it while some policy applies to it; -1 before the first match. */
        int number = -1;
        HostEndpoint hep;
        /** Whether its node is this calculator's: only then it has a policy list and an entry. */
        boolean owned;
        /** Applicable policies, in evaluation order unless {@code unsorted} (filled before its first flush). */
        final List<Ordered> policies = new ArrayList<>();
        boolean unsorted;
        boolean dirty;
        /** Whether it was a wildcard endpoint at the last flush (untracked policy is not named by those). */
        boolean wildcard;
        /** The profiles it named at the last flush. */
        List<String> profiles = List.of();
        EndpointEntry published;
        String publishedNode;

        Endpoint(ResourceKey key) {
            this.key = key;
        }
    }

    private final EndpointListener listener;
    private final Shard shard;
    private final Map<ResourceKey, Endpoint> endpoints = new HashMap<>();
    /** By the label index's endpoint number: matched endpoints (an entry is stale if its number moved on). */
    private final List<Endpoint> byNumber = new ArrayList<>();
    private int present;
    private final Map<ResourceKey, Policy> policies = new HashMap<>();
    /** The last policy a match named: a selector's matches arrive one after the other. */
    private ResourceKey lastPolicyKey;
    private Policy lastPolicy;
    private final Map<String, Tier> tiers = new HashMap<>();
    private final Map<String, Set<ResourceKey>> policiesByTier = new HashMap<>();
    private final List<Endpoint> dirty = new ArrayList<>();
    /** Policies whose use may have changed since the last flush (kept after deletion, to report it). */
    private final List<Policy> dirtyPolicies = new ArrayList<>();

    PolicyResolver(EndpointListener listener, Shard shard) {
        this.listener = listener;
        this.shard = shard;
    }

    @Override
    public void onUpdate(Update update) {
        ResourceKey key = update.key();
        switch (key.kind()) {
            case HOST_ENDPOINT -> updateEndpoint(key, (HostEndpoint) update.value());
            case GLOBAL_NETWORK_POLICY -> updatePolicy(key, (GlobalNetworkPolicy) update.value());
            case TIER -> {
                Tier t = (Tier) update.value();
                Tier old = t == null ? tiers.remove(key.name()) : tiers.put(key.name(), t);
                if (!Objects.equals(old == null ? null : old.spec(), t == null ? null : t.spec())) {
                    for (ResourceKey policy : policiesByTier.getOrDefault(key.name(), Set.of())) {
                        Policy p = policies.get(policy);
                        reorder(p, order(p.value));
                        // the tier's default action ends the tier's list: every user's entry changes
                        forEachOwnedEndpoint(p, this::markDirty);
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Hears of the endpoint before the label index announces its matches (registration order), so that a match
     * knows whether the endpoint is owned.
     */
    private void updateEndpoint(ResourceKey key, HostEndpoint hep) {
        Endpoint e = endpoints.get(key);
        if (e == null) {
            if (hep == null) {
                return;
            }
            e = new Endpoint(key);
            endpoints.put(key, e);
        }
        if ((e.hep == null) != (hep == null)) {
            present += hep == null ? -1 : 1;
        }
        e.hep = hep;
        boolean owned = hep != null && shard.ownsNode(hep.spec().node());
        if (owned != e.owned) {
            e.owned = owned;
            e.policies.clear();
            e.unsorted = false;
            if (owned) {
                // moved to an owned node: its list, from the policies' bit sets
                if (e.number >= 0 && byNumber.get(e.number) == e) {
                    for (Policy p : policies.values()) {
                        if (p.endpoints.get(e.number)) {
                            e.policies.add(p.ordered);
                        }
                    }
                }
                e.unsorted = true;
            }
        }
        markDirty(e);
    }

    private void updatePolicy(ResourceKey key, GlobalNetworkPolicy policy) {
        Policy p = policies.get(key);
        GlobalNetworkPolicy old = p == null ? null : p.value;
        if (old != null) {
            LabelIndex.removeFrom(policiesByTier, old.spec().tierOrDefault(), key);
        }
        if (policy == null) {
            if (p != null) {
                // its endpoints hear the match stop next; it keeps its place in their lists until then
                p.value = null;
                forgetIfUnused(key, p);
            }
            return;
        }
        policiesByTier.computeIfAbsent(policy.spec().tierOrDefault(), k -> new HashSet<>()).add(key);
        if (p == null) {
            p = new Policy(RuleScanner.policyId(key));
            policies.put(key, p);
        }
        p.value = policy;
        reorder(p, order(policy));
    }

    /**
     * The policy's ordering or classification may have changed: owned endpoints holding it move it to its new
     * place and re-resolve, and whether it is named may change. A change of anything else (its rules) changes
     * no endpoint's lists.
     */
    private void reorder(Policy p, Ordered now) {
        Ordered before = p.ordered;
        if (now.equals(before)) {
            return;
        }
        p.ordered = now;
        if (before == null) {
            return;
        }
        markDirty(p);
        forEachOwnedEndpoint(p, e -> {
            markDirty(e);
            remove(e, before);
            insert(e, now);
        });
    }

    @Override
    public void onPolicyMatch(ResourceKey policy, ResourceKey endpoint, int number) {
        Policy p = policy(policy);
        Endpoint e = matched(endpoint, number);
        p.endpoints.set(number);
        markDirty(p);
        if (e.owned) {
            markDirty(e);
            insert(e, p.ordered);
        }
    }

    @Override
    public void onPolicyMatchStopped(ResourceKey policy, ResourceKey endpoint, int number) {
        Policy p = policy(policy);
        Endpoint e = matched(endpoint, number);
        if (!p.endpoints.get(number)) {
            throw new EngineInvariantException("match of " + policy + " and " + endpoint + " stopped but never started");
        }
        p.endpoints.clear(number);
        markDirty(p);
        if (e.owned) {
            markDirty(e);
            remove(e, p.ordered);
        }
        forgetIfUnused(policy, p);
    }

    private Policy policy(ResourceKey key) {
        if (key != lastPolicyKey) {
            Policy p = policies.get(key);
            if (p == null) {
                throw new EngineInvariantException("a match for policy " + key + ", which the resolver never heard of");
            }
            lastPolicyKey = key;
            lastPolicy = p;
        }
        return lastPolicy;
    }

    /** The endpoint under its label-index number; the number is stable while any policy applies to it. */
    private Endpoint matched(ResourceKey key, int number) {
        while (byNumber.size() <= number) {
            byNumber.add(null);
        }
        Endpoint e = byNumber.get(number);
        if (e != null && e.number == number && (e.key == key || e.key.equals(key))) {
            return e;
        }
        e = endpoints.get(key);
        if (e == null) {
            throw new EngineInvariantException("a match for endpoint " + key + ", which the resolver never heard of");
        }
        e.number = number;
        byNumber.set(number, e);
        return e;
    }

    private void insert(Endpoint e, Ordered o) {
        if (e.unsorted || e.published == null) {
            // not resolved yet (a cold start): one sort at flush beats thousands of insertions
            e.policies.add(o);
            e.unsorted = true;
            return;
        }
        int at = Collections.binarySearch(e.policies, o, EVALUATION_ORDER);
        e.policies.add(at < 0 ? -at - 1 : at, o);
    }

    private static void remove(Endpoint e, Ordered o) {
        int at = e.unsorted ? -1 : Collections.binarySearch(e.policies, o, EVALUATION_ORDER);
        if (at >= 0 && e.policies.get(at) == o) {
            e.policies.remove(at);
            return;
        }
        for (int i = 0; i < e.policies.size(); i++) {
            if (e.policies.get(i) == o) {
                e.policies.remove(i);
                return;
            }
        }
        throw new EngineInvariantException(e.key + " does not hold " + o.id() + " in its policy list");
    }

    private void markDirty(Endpoint e) {
        if (!e.dirty) {
            e.dirty = true;
            dirty.add(e);
        }
    }

    private void markDirty(Policy p) {
        if (!p.dirty) {
            p.dirty = true;
            dirtyPolicies.add(p);
        }
    }

    private void forEachOwnedEndpoint(Policy p, java.util.function.Consumer<Endpoint> action) {
        for (int n = p.endpoints.nextSetBit(0); n >= 0; n = p.endpoints.nextSetBit(n + 1)) {
            Endpoint e = byNumber.get(n);
            if (e.owned) {
                action.accept(e);
            }
        }
    }

    private void forgetIfUnused(ResourceKey key, Policy p) {
        if (p.value == null && p.endpoints.isEmpty()) {
            policies.remove(key);
            lastPolicyKey = null;
            lastPolicy = null;
        }
    }

    void flush() {
        for (Endpoint e : dirty) {
            e.dirty = false;
            HostEndpoint hep = e.hep;
            String node = hep == null ? null : hep.spec().node();
            List<String> profiles = hep == null ? List.of() : hep.spec().profiles();
            if (!profiles.equals(e.profiles)) {
                listener.onEndpointProfiles(e.profiles, profiles);
                e.profiles = profiles;
            }
            boolean wildcard = hep != null && hep.spec().isWildcard();
            if (wildcard != e.wildcard) {
                e.wildcard = wildcard;
                // untracked policies it matches are named or not by it now
                if (e.number >= 0 && byNumber.get(e.number) == e) {
                    policies.values().stream().filter(p -> p.endpoints.get(e.number)).forEach(this::markDirty);
                }
            }
            if (e.publishedNode != null && !(e.owned && e.publishedNode.equals(node))) {
                listener.onEndpoint(e.publishedNode, e.key.name(), null);
                e.publishedNode = null;
                e.published = null;
            }
            if (e.owned) {
                if (e.unsorted) {
                    e.policies.sort(EVALUATION_ORDER);
                    e.unsorted = false;
                }
                EndpointEntry entry = resolve(hep, e.policies);
                listener.onEndpoint(node, e.key.name(), entry);
                e.published = entry;
                e.publishedNode = node;
            } else if (hep == null) {
                endpoints.remove(e.key);
                if (e.number >= 0 && byNumber.get(e.number) == e) {
                    byNumber.set(e.number, null);
                }
            }
        }
        dirty.clear();
        for (Policy p : dirtyPolicies) {
            p.dirty = false;
            boolean used = used(p);
            if (used != p.used) {
                p.used = used;
                listener.onPolicyUsed(p.id, used);
            }
        }
        dirtyPolicies.clear();
    }

    /** Whether some endpoint's lists name the policy: one it applies to, unless untracked and all are wildcards. */
    private boolean used(Policy p) {
        if (p.endpoints.isEmpty()) {
            return false;
        }
        Ordered o = p.ordered;
        if (!o.doNotTrack()) {
            return o.preDnat() ? o.ingress() : o.ingress() || o.egress();
        }
        for (int n = p.endpoints.nextSetBit(0); n >= 0; n = p.endpoints.nextSetBit(n + 1)) {
            if (!byNumber.get(n).hep.spec().isWildcard()) {
                return true;
            }
        }
        return false;
    }

    int endpointCount() {
        return present;
    }

    private EndpointEntry resolve(HostEndpoint hep, List<Ordered> applicable) {
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
