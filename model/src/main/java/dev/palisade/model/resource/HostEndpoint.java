package dev.palisade.model.resource;

public record HostEndpoint(ObjectMeta metadata, HostEndpointSpec spec) implements Resource {
    public HostEndpoint {
        spec = spec == null ? HostEndpointSpec.EMPTY : spec;
    }

    @Override
    public HostEndpoint withMetadata(ObjectMeta m) {
        return new HostEndpoint(m, spec);
    }
}
