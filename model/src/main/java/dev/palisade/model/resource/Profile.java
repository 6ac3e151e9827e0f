package dev.palisade.model.resource;

public record Profile(ObjectMeta metadata, ProfileSpec spec) implements Resource {
    public Profile {
        spec = spec == null ? new ProfileSpec(null, null, null) : spec;
    }

    @Override
    public Profile withMetadata(ObjectMeta m) {
        return new Profile(m, spec);
    }
}
