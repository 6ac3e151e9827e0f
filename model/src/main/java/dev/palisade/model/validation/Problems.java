package dev.palisade.model.validation;

import dev.palisade.model.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Collects every error of one resource, so that a user sees all of them at once. */
final class Problems {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** Adds the reason when there is one: the checkers in {@link Names} return null for a valid value. */
    void addIfPresent(String path, String reasonOrNull) {
        if (reasonOrNull != null) {
            add(path, reasonOrNull);
        }
    }

    void limit(String path, int size, int max, String what) {
        if (size > max) {
            add(path, "too many " + what + ": " + size + " (at most " + max + ")");
        }
    }

    List<FieldError> toList() {
        return List.copyOf(errors);
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static String key(String path, String key) {
        return path + "[" + key + "]";
    }
}
