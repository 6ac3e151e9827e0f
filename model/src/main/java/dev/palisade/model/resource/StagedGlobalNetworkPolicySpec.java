package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Calico's StagedGlobalNetworkPolicy spec: a GlobalNetworkPolicy spec plus {@code stagedAction}. */
public record StagedGlobalNetworkPolicySpec(
        String stagedAction,
        String tier,
        Double order,
        String selector,
        List<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        @JsonProperty("preDNAT") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean preDNAT,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean doNotTrack,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean applyOnForward,
        String namespaceSelector,
        String serviceAccountSelector,
        List<String> performanceHints) {

    static final StagedGlobalNetworkPolicySpec EMPTY = new StagedGlobalNetworkPolicySpec(null, null, null, null, null,
            null, null, false, false, false, null, null, null);

    public StagedGlobalNetworkPolicySpec {
        types = Lists.copy(types);
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
        performanceHints = Lists.copy(performanceHints);
    }

    /** {@link StagedAction#SET} when unset, as in Calico. */
    public StagedAction action() {
        return StagedAction.parse(stagedAction);
    }

    public GlobalNetworkPolicySpec policySpec() {
        return new GlobalNetworkPolicySpec(tier, order, selector, types, ingress, egress, preDNAT, doNotTrack,
                applyOnForward, namespaceSelector, serviceAccountSelector, performanceHints);
    }
}
