package dev.palisade.ingest.core.audit;

/**
 * Where accepted changes are recorded. Called after the datastore committed the write together with its
 * {@link AuditNote}, so an implementation must not throw: the change has happened whatever the audit store says,
 * and a note it cannot record yet stays in the datastore until it can.
 */
public interface AuditLog {
    void record(AuditEntry entry);
}
