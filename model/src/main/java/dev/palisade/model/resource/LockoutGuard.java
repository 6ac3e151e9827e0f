package dev.palisade.model.resource;

/**
 * Palisade's own kind ({@code palisade.dev/v1}): flows no write may cut. Calico has nothing like it; it is
 * stored and served beside the Calico kinds and read only by the ingest-service's write guard.
 */
public record LockoutGuard(ObjectMeta metadata, LockoutGuardSpec spec) implements Resource {
    public LockoutGuard {
        spec = spec == null ? LockoutGuardSpec.EMPTY : spec;
    }

    @Override
    public LockoutGuard withMetadata(ObjectMeta m) {
        return new LockoutGuard(m, spec);
    }
}
