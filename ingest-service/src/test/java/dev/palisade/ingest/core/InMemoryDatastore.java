package dev.palisade.ingest.core;

import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.ingest.core.store.Written;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Datastore contract in memory, for unit tests of the core (integration tests use real etcd). Audit notes are
 * not kept: the audit log the tests give the service records every entry.
 */
public final class InMemoryDatastore implements Datastore {

    private final TreeMap<ResourceKey, Resource> items = new TreeMap<>();
    private long revision;

    @Override
    public synchronized Written create(Resource resource, AuditNote note) {
        if (items.containsKey(resource.key())) {
            throw new DatastoreException.AlreadyExists(resource.key());
        }
        Resource stored = stamp(resource, ++revision);
        items.put(resource.key(), stored);
        return new Written(revision, null, stored);
    }

    @Override
    public synchronized Written update(Resource resource, long expectedRevision, AuditNote note) {
        Resource before = check(resource.key(), expectedRevision);
        Resource stored = stamp(resource, ++revision);
        items.put(resource.key(), stored);
        return new Written(revision, before, stored);
    }

    @Override
    public synchronized Written delete(ResourceKey key, long expectedRevision, AuditNote note) {
        Resource before = check(key, expectedRevision);
        items.remove(key);
        return new Written(++revision, before, null);
    }

    @Override
    public synchronized Optional<Resource> get(ResourceKey key) {
        return Optional.ofNullable(items.get(key));
    }

    @Override
    public synchronized Listing list(Kind kind, String namespace) {
        return new Listing(items.values().stream()
                .filter(r -> r.kind() == kind && (namespace == null || Objects.equals(namespace, r.metadata().namespace())))
                .toList(), revision);
    }

    /** Keeps no history: only the latest revision can be read back. */
    @Override
    public synchronized Optional<Listing> listAt(Kind kind, long at) {
        return at == revision ? Optional.of(list(kind, null)) : Optional.empty();
    }

    private Resource check(ResourceKey key, long expectedRevision) {
        Resource current = items.get(key);
        if (current == null) {
            throw new DatastoreException.NotFound(key);
        }
        long actual = Long.parseLong(current.metadata().resourceVersion());
        if (expectedRevision != ANY_REVISION && expectedRevision != actual) {
            throw new DatastoreException.Conflict(key, expectedRevision, actual);
        }
        return current;
    }

    private static Resource stamp(Resource resource, long revision) {
        return resource.withMetadata(resource.metadata().withServerFields(Long.toString(revision),
                resource.metadata().uid(), resource.metadata().creationTimestamp()));
    }
}
