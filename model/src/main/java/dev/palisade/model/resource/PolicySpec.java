package dev.palisade.model.resource;

import java.util.List;

/** What GlobalNetworkPolicy and NetworkPolicy share, so ordering and type inference are written once. */
public sealed interface PolicySpec permits GlobalNetworkPolicySpec, NetworkPolicySpec {
    String DEFAULT_TIER = "default";

    String tier();

    Double order();

    String selector();

    List<PolicyType> types();

    List<Rule> ingress();

    List<Rule> egress();

    String serviceAccountSelector();

    List<String> performanceHints();

    default String tierOrDefault() {
        return tier() == null || tier().isEmpty() ? DEFAULT_TIER : tier();
    }

    /** Calico's inference when {@code types} is empty: egress rules alone give Egress, else Ingress (+Egress). */
    default List<PolicyType> effectiveTypes() {
        if (!types().isEmpty()) {
            return types();
        }
        if (egress().isEmpty()) {
            return List.of(PolicyType.Ingress);
        }
        return ingress().isEmpty() ? List.of(PolicyType.Egress) : List.of(PolicyType.Ingress, PolicyType.Egress);
    }
}
