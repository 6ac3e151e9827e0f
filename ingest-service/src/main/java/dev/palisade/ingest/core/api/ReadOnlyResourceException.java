package dev.palisade.ingest.core.api;

import dev.palisade.model.resource.ResourceKey;

/** A write to a built-in resource, which always exists and never changes. */
public final class ReadOnlyResourceException extends RuntimeException {
    public ReadOnlyResourceException(ResourceKey key, String verb) {
        super("operation not supported: " + verb + " of built-in resource " + key);
    }
}
