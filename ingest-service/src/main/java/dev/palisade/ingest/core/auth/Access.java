package dev.palisade.ingest.core.auth;

public enum Access { READ, WRITE }
