package dev.palisade.model.resource;

/** Namespaced Calico policy: it can never select a host endpoint, but it is stored and validated. */
public record NetworkPolicy(ObjectMeta metadata, NetworkPolicySpec spec) implements Resource {
    public NetworkPolicy {
        spec = spec == null ? NetworkPolicySpec.EMPTY : spec;
    }

    @Override
    public NetworkPolicy withMetadata(ObjectMeta m) {
        return new NetworkPolicy(m, spec);
    }
}
