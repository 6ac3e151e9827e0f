package dev.palisade.ingest.core.store;

import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.Optional;

/**
 * Revisioned storage of resources. Every write is atomic and gets a new, strictly increasing revision,
 * which becomes the resource's {@code metadata.resourceVersion}. Writes that name an expected revision
 * succeed only if the stored resource still has it.
 */
public interface Datastore {

    /** Accept any current revision in {@link #update} and {@link #delete}. */
    long ANY_REVISION = 0;

    /**
     * Stores a new resource as given (the caller sets uid and creation time). Each write stores its audit note in
     * the same transaction: it stays until {@link dev.palisade.ingest.core.audit.AuditLog} has recorded it.
     */
    Written create(Resource resource, AuditNote note);

    /** Replaces an existing resource. */
    Written update(Resource resource, long expectedRevision, AuditNote note);

    Written delete(ResourceKey key, long expectedRevision, AuditNote note);

    Optional<Resource> get(ResourceKey key);

    /** All resources of a kind, in key order; {@code namespace} null means every namespace. */
    Listing list(Kind kind, String namespace);

    /**
     * All resources of a kind as they were at a past revision (every namespace); empty when the datastore no
     * longer keeps that revision (etcd compacted it).
     */
    Optional<Listing> listAt(Kind kind, long revision);
}
