package dev.palisade.ingest.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the audit log will say about a write, fixed before the write commits. The datastore stores it in the same
 * transaction as the write, so no crash and no audit-store outage can leave a committed write without its audit
 * record; {@code id} names the note until the audit log holds it.
 */
public record AuditNote(String id, Instant time, String actor, AuditOperation operation, List<String> forced) {

    public AuditNote {
        forced = forced == null ? List.of() : List.copyOf(forced);
    }
}
