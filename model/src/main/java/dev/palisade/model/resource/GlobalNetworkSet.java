package dev.palisade.model.resource;

public record GlobalNetworkSet(ObjectMeta metadata, GlobalNetworkSetSpec spec) implements Resource {
    public GlobalNetworkSet {
        spec = spec == null ? new GlobalNetworkSetSpec(null) : spec;
    }

    @Override
    public GlobalNetworkSet withMetadata(ObjectMeta m) {
        return new GlobalNetworkSet(m, spec);
    }
}
