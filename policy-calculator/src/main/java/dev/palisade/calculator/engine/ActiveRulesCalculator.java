package dev.palisade.calculator.engine;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.Selectors;
import dev.palisade.model.validation.BuiltIns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which policies and profiles are in use by at least one host endpoint anywhere ("active"), and which policy
 * applies to which endpoint (spec §4.2: GlobalNetworkPolicies whose selector matches the endpoint's labels; a
 * namespace or service-account selector rules host endpoints out; NetworkPolicies never apply to them).
 * Only active policies and profiles get their rules rendered and their selectors turned into IP sets.
 */
final class ActiveRulesCalculator implements UpdateHandler, LabelIndex.MatchListener<ActiveRulesCalculator.Use> {

    /** Which policy applies to which endpoint. */
    interface PolicyMatchListener {
        /** {@code endpointNumber}: the endpoint's number in the label index, stable while any policy applies to it. */
        void onPolicyMatch(ResourceKey policy, ResourceKey endpoint, int endpointNumber);

        void onPolicyMatchStopped(ResourceKey policy, ResourceKey endpoint, int endpointNumber);
    }

    /** Policies and profiles entering and leaving use; "active" again with a new value when an active one changes. */
    interface ActiveRulesListener {
        void onPolicyActive(ResourceKey key, GlobalNetworkPolicy policy);

        void onPolicyInactive(ResourceKey key);

        /** {@code profile} null: named by an endpoint but absent from the datastore. */
        void onProfileActive(String name, Profile profile);

        void onProfileInactive(String name);
    }

    private final PolicyMatchListener matchListener;
    private final ActiveRulesListener activeListener;
    private final LabelIndex<Use> endpointLabels;

    /**
     * A policy's key and how many endpoints it applies to. Which ones is the label index's business and the
     * resolver's; here only the count decides "active". It is the policy's selector handle in the label index,
     * so a match reaches it without a lookup.
     */
    static final class Use {
        final ResourceKey policy;
        int endpoints;

        Use(ResourceKey policy) {
            this.policy = policy;
        }
    }

    private final Map<ResourceKey, GlobalNetworkPolicy> policies = new HashMap<>();
    private final Map<ResourceKey, Use> uses = new HashMap<>();
    private int activePolicies;
    private final Map<String, Profile> profiles = new HashMap<>();
    private final Map<ResourceKey, List<String>> profilesByEndpoint = new HashMap<>();
    private final Map<String, Integer> profileUse = new HashMap<>();

    ActiveRulesCalculator(PolicyMatchListener matchListener, ActiveRulesListener activeListener) {
        this.matchListener = matchListener;
        this.activeListener = activeListener;
        this.endpointLabels = new LabelIndex<>(Set.of(Kind.HOST_ENDPOINT), this);
    }

    @Override
    public void onUpdate(Update update) {
        switch (update.key().kind()) {
            case HOST_ENDPOINT -> {
                endpointLabels.onUpdate(update);
                HostEndpoint hep = (HostEndpoint) update.value();
                updateProfileUse(update.key(), hep == null ? List.of() : hep.spec().profiles());
            }
            case PROFILE -> {
                endpointLabels.onUpdate(update);
                updateProfile(update.key().name(), (Profile) update.value());
            }
            case GLOBAL_NETWORK_POLICY -> updatePolicy(update.key(), (GlobalNetworkPolicy) update.value());
            default -> {
            }
        }
    }

    int activePolicyCount() {
        return activePolicies;
    }

    int activeProfileCount() {
        return profileUse.size();
    }

    int selectorCount() {
        return endpointLabels.selectorCount();
    }

    private void updatePolicy(ResourceKey key, GlobalNetworkPolicy policy) {
        GlobalNetworkPolicy old = policy == null ? policies.remove(key) : policies.put(key, policy);
        Use use = uses.computeIfAbsent(key, Use::new);
        boolean wasActive = use.endpoints > 0;
        Selector selector = policy == null ? null : endpointSelector(policy);
        if (selector == null) {
            endpointLabels.deleteSelector(use);
        } else {
            endpointLabels.updateSelector(use, selector);
        }
        if (policy == null) {
            uses.remove(key);
        }
        if (wasActive && use.endpoints > 0 && !policy.equals(old)) {
            activeListener.onPolicyActive(key, policy);
        }
    }

    /** The selector that decides which host endpoints the policy applies to, or null when it can apply to none. */
    private static Selector endpointSelector(GlobalNetworkPolicy policy) {
        var spec = policy.spec();
        if (!spec.namespaceSelector().isBlank() || !spec.serviceAccountSelector().isBlank()) {
            return null;
        }
        return spec.selector().isBlank() ? Selectors.ALL : Selectors.parse(spec.selector());
    }

    @Override
    public void onMatchStarted(Use use, ResourceKey endpoint, int endpointNumber) {
        if (++use.endpoints == 1) {
            activePolicies++;
            activeListener.onPolicyActive(use.policy, policies.get(use.policy));
        }
        matchListener.onPolicyMatch(use.policy, endpoint, endpointNumber);
    }

    @Override
    public void onMatchStopped(Use use, ResourceKey endpoint, int endpointNumber) {
        matchListener.onPolicyMatchStopped(use.policy, endpoint, endpointNumber);
        if (--use.endpoints == 0) {
            activePolicies--;
            activeListener.onPolicyInactive(use.policy);
        }
    }

    private void updateProfileUse(ResourceKey endpoint, List<String> names) {
        List<String> old = names.isEmpty() ? profilesByEndpoint.remove(endpoint) : profilesByEndpoint.put(endpoint, names);
        if (old == null) {
            old = List.of();
        }
        if (old.equals(names)) {
            return;
        }
        for (String name : Set.copyOf(names)) {
            if (profileUse.merge(name, 1, Integer::sum) == 1) {
                activeListener.onProfileActive(name, profile(name));
            }
        }
        for (String name : Set.copyOf(old)) {
            if (profileUse.merge(name, -1, Integer::sum) == 0) {
                profileUse.remove(name);
                activeListener.onProfileInactive(name);
            }
        }
    }

    private void updateProfile(String name, Profile profile) {
        Profile old = profile == null ? profiles.remove(name) : profiles.put(name, profile);
        if (profileUse.containsKey(name) && !java.util.Objects.equals(old, profile)) {
            activeListener.onProfileActive(name, profile(name));
        }
    }

    /** The datastore's profile; the built-in default-allow profile exists even when the datastore omits it. */
    private Profile profile(String name) {
        Profile p = profiles.get(name);
        if (p == null && name.equals(BuiltIns.DEFAULT_ALLOW_PROFILE)) {
            return BuiltIns.defaultAllowProfile();
        }
        return p;
    }
}
