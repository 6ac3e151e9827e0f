package dev.palisade.ingest.core.api;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Resource;

import java.util.List;

/** What became of one resource of an applied manifest stream ({@code index} counts from 0). */
public sealed interface ApplyOutcome {

    int index();

    record Applied(int index, Resource resource, boolean created) implements ApplyOutcome {
    }

    /**
     * {@code kind} and {@code name} as far as they could be read; {@code status} is the HTTP-style code and
     * {@code reason} the Kubernetes Status reason when it says more than the code (a 409 is a conflict or a
     * lockout), else null.
     */
    record Failed(int index, String kind, String name, int status, String reason, List<FieldError> errors)
            implements ApplyOutcome {
        public Failed {
            errors = List.copyOf(errors);
        }

        public Failed(int index, String kind, String name, int status, List<FieldError> errors) {
            this(index, kind, name, status, null, errors);
        }
    }
}
