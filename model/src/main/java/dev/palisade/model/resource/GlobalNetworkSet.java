package dev.palisade.model.resource;

public record GlobalNetworkSet(ObjectMeta metadata, NetworkSetSpec spec) implements Resource {
    public GlobalNetworkSet {
        spec = spec == null ? new NetworkSetSpec(null) : spec;
    }

    @Override
    public GlobalNetworkSet withMetadata(ObjectMeta m) {
        return new GlobalNetworkSet(m, spec);
    }
}
