package dev.palisade.model.resource;

import java.util.List;

public record NetworkPolicySpec(
        String tier,
        Double order,
        String selector,
        List<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        String serviceAccountSelector,
        List<String> performanceHints) implements PolicySpec {

    static final NetworkPolicySpec EMPTY = new NetworkPolicySpec(null, null, null, null, null, null, null, null);

    public NetworkPolicySpec {
        selector = selector == null ? "" : selector;
        types = Lists.copy(types);
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
        serviceAccountSelector = serviceAccountSelector == null ? "" : serviceAccountSelector;
        performanceHints = Lists.copy(performanceHints);
    }

    public NetworkPolicySpec withTierAndTypes(String newTier, List<PolicyType> newTypes) {
        return new NetworkPolicySpec(newTier, order, selector, newTypes, ingress, egress, serviceAccountSelector,
                performanceHints);
    }
}
