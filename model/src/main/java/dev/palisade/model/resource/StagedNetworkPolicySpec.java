package dev.palisade.model.resource;

import java.util.List;

/** Calico's StagedNetworkPolicy spec: a NetworkPolicy spec plus {@code stagedAction}. */
public record StagedNetworkPolicySpec(
        String stagedAction,
        String tier,
        Double order,
        String selector,
        List<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        String serviceAccountSelector,
        List<String> performanceHints) {

    static final StagedNetworkPolicySpec EMPTY =
            new StagedNetworkPolicySpec(null, null, null, null, null, null, null, null, null);

    public StagedNetworkPolicySpec {
        types = Lists.copy(types);
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
        performanceHints = Lists.copy(performanceHints);
    }

    public StagedAction action() {
        return StagedAction.parse(stagedAction);
    }

    public NetworkPolicySpec policySpec() {
        return new NetworkPolicySpec(tier, order, selector, types, ingress, egress, serviceAccountSelector,
                performanceHints);
    }
}
