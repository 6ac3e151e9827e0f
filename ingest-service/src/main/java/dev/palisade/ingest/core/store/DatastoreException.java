package dev.palisade.ingest.core.store;

import dev.palisade.model.resource.ResourceKey;

/** Why the datastore refused a write or read, in the terms Kubernetes clients expect. */
public sealed abstract class DatastoreException extends RuntimeException {

    private final transient ResourceKey key;

    DatastoreException(ResourceKey key, String message) {
        super(message);
        this.key = key;
    }

    public ResourceKey key() {
        return key;
    }

    public static final class NotFound extends DatastoreException {
        public NotFound(ResourceKey key) {
            super(key, "resource does not exist: " + key);
        }
    }

    public static final class AlreadyExists extends DatastoreException {
        public AlreadyExists(ResourceKey key) {
            super(key, "resource already exists: " + key);
        }
    }

    /** The resource changed since the revision the caller read (optimistic concurrency). */
    public static final class Conflict extends DatastoreException {
        public Conflict(ResourceKey key, long expected, long actual) {
            super(key, "update conflict: " + key + " has resourceVersion " + actual + ", not " + expected
                    + "; read it again and retry");
        }
    }
}
