package dev.palisade.ingest.core.audit;

/** The verb that caused an accepted change. */
public enum AuditOperation { CREATE, REPLACE, PATCH, APPLY, DELETE }
