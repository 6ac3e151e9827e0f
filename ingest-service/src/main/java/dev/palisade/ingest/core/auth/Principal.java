package dev.palisade.ingest.core.auth;

/** Who made a request: the token's subject, never the token itself. */
public record Principal(String subject, Role role) {
}
