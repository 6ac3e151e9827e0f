package dev.palisade.ingest.core.intake;

/** An event that cannot be applied; the message is the reason recorded with it in the dead-letter topic. */
public final class RejectedEventException extends RuntimeException {
    public RejectedEventException(String reason) {
        super(reason);
    }

    public RejectedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
