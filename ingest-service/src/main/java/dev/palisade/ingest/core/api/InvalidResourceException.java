package dev.palisade.ingest.core.api;

import dev.palisade.model.FieldError;

import java.util.List;

/** A resource (or request) that cannot be accepted; every problem found, each with its field path. */
public final class InvalidResourceException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidResourceException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidResourceException(String path, String message) {
        this(List.of(new FieldError(path, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
