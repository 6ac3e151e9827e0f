package dev.palisade.calculator.engine;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.validation.Validator;

import java.util.List;

/**
 * Sits in front of the graph and turns a resource that fails Calico's validation into "absent" (Felix's
 * validation filter). It never patches a value, and nodes never keep a last good one: an invalid update
 * withdraws the resource until a valid one arrives.
 */
public final class ValidationFilter implements UpdateHandler {

    /** Told about each resource withdrawn as invalid, with the errors naming their fields. */
    public interface InvalidListener {
        void onInvalid(ResourceKey key, List<FieldError> errors);
    }

    private final UpdateHandler next;
    private final InvalidListener invalid;
    private final Validator validator = new Validator();

    ValidationFilter(UpdateHandler next, InvalidListener invalid) {
        this.next = next;
        this.invalid = invalid;
    }

    @Override
    public void onUpdate(Update update) {
        List<FieldError> errors = update.value() == null ? List.of() : validator.validate(update.value());
        if (errors.isEmpty()) {
            next.onUpdate(update);
        } else {
            invalid.onInvalid(update.key(), errors);
            next.onUpdate(Update.deleted(update.key()));
        }
    }
}
