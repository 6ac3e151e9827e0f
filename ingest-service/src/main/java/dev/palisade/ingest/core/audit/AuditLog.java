package dev.palisade.ingest.core.audit;

/**
 * Where accepted changes are recorded. Called after the datastore committed, so an implementation must
 * not throw: the change has happened whatever the audit store says.
 */
public interface AuditLog {
    void record(AuditEntry entry);
}
