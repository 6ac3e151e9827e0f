package dev.palisade.model.resource;

public record GlobalNetworkPolicy(ObjectMeta metadata, GlobalNetworkPolicySpec spec) implements Resource {
    public GlobalNetworkPolicy {
        spec = spec == null ? GlobalNetworkPolicySpec.EMPTY : spec;
    }

    @Override
    public GlobalNetworkPolicy withMetadata(ObjectMeta m) {
        return new GlobalNetworkPolicy(m, spec);
    }
}
