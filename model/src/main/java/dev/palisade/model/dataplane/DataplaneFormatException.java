package dev.palisade.model.dataplane;

/** A {@code palisade.dataplane} record that this reader cannot accept, with the reason. */
public final class DataplaneFormatException extends RuntimeException {
    public DataplaneFormatException(String message) {
        super(message);
    }
}
