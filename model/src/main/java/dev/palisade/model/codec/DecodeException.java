package dev.palisade.model.codec;

import dev.palisade.model.FieldError;

import java.util.List;

/** A document that is not a valid resource: every error found, each naming its field path. */
public final class DecodeException extends RuntimeException {
    private final transient List<FieldError> errors;

    public DecodeException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public DecodeException(String path, String message) {
        this(List.of(new FieldError(path, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
