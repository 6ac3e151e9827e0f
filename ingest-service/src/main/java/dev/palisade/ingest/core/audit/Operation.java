package dev.palisade.ingest.core.audit;

/** The verb that caused an accepted change. */
public enum Operation { CREATE, REPLACE, PATCH, APPLY, DELETE }
