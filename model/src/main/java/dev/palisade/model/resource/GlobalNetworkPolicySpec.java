package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code order} null means +infinity (applied last in its tier); {@code tier} null means {@code default}. */
public record GlobalNetworkPolicySpec(
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
        List<String> performanceHints) implements PolicySpec {

    static final GlobalNetworkPolicySpec EMPTY =
            new GlobalNetworkPolicySpec(null, null, null, null, null, null, false, false, false, null, null, null);

    public GlobalNetworkPolicySpec {
        selector = selector == null ? "" : selector;
        types = Lists.copy(types);
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
        namespaceSelector = namespaceSelector == null ? "" : namespaceSelector;
        serviceAccountSelector = serviceAccountSelector == null ? "" : serviceAccountSelector;
        performanceHints = Lists.copy(performanceHints);
    }

    public GlobalNetworkPolicySpec withTierAndTypes(String newTier, List<PolicyType> newTypes) {
        return new GlobalNetworkPolicySpec(newTier, order, selector, newTypes, ingress, egress, preDNAT, doNotTrack,
                applyOnForward, namespaceSelector, serviceAccountSelector, performanceHints);
    }
}
