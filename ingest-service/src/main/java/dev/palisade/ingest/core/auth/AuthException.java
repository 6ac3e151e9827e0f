package dev.palisade.ingest.core.auth;

/** A request without valid credentials (401) or with too few rights (403). */
public sealed abstract class AuthException extends RuntimeException {

    AuthException(String message) {
        super(message);
    }

    public static final class Unauthenticated extends AuthException {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    public static final class Forbidden extends AuthException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
