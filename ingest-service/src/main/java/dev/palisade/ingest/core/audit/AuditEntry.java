package dev.palisade.ingest.core.audit;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.time.Instant;

/** One accepted change: who did what to which resource, at which revision, and its before/after states. */
public record AuditEntry(long revision, Instant time, String actor, AuditOperation operation, ResourceKey key,
                         Resource before, Resource after) {
}
