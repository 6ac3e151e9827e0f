package dev.palisade.ingest.core.audit;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.time.Instant;
import java.util.List;

/**
 * One accepted change: who did what to which resource, at which revision, and its before/after states.
 * {@code forced} lists the protected flows a forced write cut (empty for every other write).
 */
public record AuditEntry(long revision, Instant time, String actor, AuditOperation operation, ResourceKey key,
                         Resource before, Resource after, List<String> forced) {

    public AuditEntry {
        forced = forced == null ? List.of() : List.copyOf(forced);
    }

    public AuditEntry(long revision, Instant time, String actor, AuditOperation operation, ResourceKey key,
                      Resource before, Resource after) {
        this(revision, time, actor, operation, key, before, after, List.of());
    }
}
