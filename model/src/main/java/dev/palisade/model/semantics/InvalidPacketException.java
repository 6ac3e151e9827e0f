package dev.palisade.model.semantics;

import dev.palisade.model.FieldError;

import java.util.List;

/** A packet description that cannot be simulated: every problem, each naming its field. */
public final class InvalidPacketException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidPacketException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidPacketException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
