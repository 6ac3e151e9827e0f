package dev.palisade.ingest.core.audit;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

/**
 * One accepted change: what its {@link AuditNote} says (who, which verb, when, the protected flows a forced write
 * cut), to which resource, at which revision, and its before/after states.
 */
public record AuditEntry(long revision, AuditNote note, ResourceKey key, Resource before, Resource after) {
}
