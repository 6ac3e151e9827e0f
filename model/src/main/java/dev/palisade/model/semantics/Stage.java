package dev.palisade.model.semantics;

import com.fasterxml.jackson.annotation.JsonValue;

/** The places a packet meets Calico on one node, in the order it meets them (spec §4.6–4.9). */
public enum Stage {
    UNTRACKED_INGRESS("untracked-ingress", "raw PREROUTING: untracked (doNotTrack) ingress policy"),
    UNTRACKED_EGRESS("untracked-egress", "raw OUTPUT: untracked (doNotTrack) egress policy"),
    PRE_DNAT_INGRESS("pre-dnat-ingress", "mangle PREROUTING: pre-DNAT ingress policy"),
    DNAT("dnat", "DNAT (kube-proxy, NodePort)"),
    NORMAL_INGRESS("normal-ingress", "filter INPUT: host endpoint ingress policy"),
    NORMAL_EGRESS("normal-egress", "filter OUTPUT: host endpoint egress policy"),
    ENDPOINT_TO_HOST("endpoint-to-host", "filter INPUT: workload to its own host"),
    HOST_TO_WORKLOAD("host-to-workload", "filter OUTPUT: host to a local workload"),
    FORWARD_INGRESS("forward-ingress", "filter FORWARD: host endpoint ingress, applyOnForward policy"),
    WORKLOAD_EGRESS("workload-egress", "filter FORWARD: workload endpoint egress policy"),
    WORKLOAD_INGRESS("workload-ingress", "filter FORWARD: workload endpoint ingress policy"),
    FORWARD_EGRESS("forward-egress", "filter FORWARD: host endpoint egress, applyOnForward policy");

    private final String id;
    private final String description;

    Stage(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
