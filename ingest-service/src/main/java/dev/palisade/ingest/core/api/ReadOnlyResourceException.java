package dev.palisade.ingest.core.api;

/** A write that model's protection rule ({@code BuiltIns.refuseChange}) refuses on a built-in resource. */
public final class ReadOnlyResourceException extends RuntimeException {
    public ReadOnlyResourceException(String reason) {
        super(reason);
    }
}
