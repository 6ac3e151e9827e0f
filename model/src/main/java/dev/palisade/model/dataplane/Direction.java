package dev.palisade.model.dataplane;

/** Ingress = arriving at the host through the endpoint's interface; egress = leaving through it. */
public enum Direction {
    INGRESS, EGRESS
}
