package dev.palisade.model.resource;

public record Tier(ObjectMeta metadata, TierSpec spec) implements Resource {
    public Tier {
        spec = spec == null ? new TierSpec(null, null) : spec;
    }

    @Override
    public Tier withMetadata(ObjectMeta m) {
        return new Tier(m, spec);
    }
}
