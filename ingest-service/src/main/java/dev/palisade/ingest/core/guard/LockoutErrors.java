package dev.palisade.ingest.core.guard;

import dev.palisade.model.FieldError;

import java.util.List;

/** A lockout as field errors: the flow is the "field", the description says where and which rule denies. */
public final class LockoutErrors {

    private LockoutErrors() {
    }

    public static List<FieldError> of(LockoutException e) {
        return e.cuts().stream().map(c -> new FieldError("protectedFlows[" + c.probe().flow() + "]", c.describe()))
                .toList();
    }
}
