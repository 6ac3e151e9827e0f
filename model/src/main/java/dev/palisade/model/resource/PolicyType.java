package dev.palisade.model.resource;

public enum PolicyType {
    Ingress, Egress
}
