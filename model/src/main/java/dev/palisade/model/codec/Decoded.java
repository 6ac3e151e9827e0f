package dev.palisade.model.codec;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;

import java.util.List;

/**
 * The outcome for one resource of a manifest stream. {@code index} counts resources from 0 in stream order
 * (items of a List count one each), so errors can say which one is meant even when it has no name.
 */
public sealed interface Decoded {

    int index();

    /** {@code convertedFrom} is the legacy {@code apiVersion} the resource was converted from, or null. */
    record Ok(int index, Resource resource, String convertedFrom) implements Decoded {
    }

    /** {@code kind} and {@code name} as far as they could be read (may be null). */
    record Failed(int index, String kind, String name, List<FieldError> errors) implements Decoded {
        public Failed {
            errors = List.copyOf(errors);
        }

        /**
         * True when the only fault is a kind Palisade does not store (an {@code IPPool} or
         * {@code BGPConfiguration} in a whole-cluster export): tools may skip it, report it and go on.
         */
        public boolean unknownKind() {
            return kind != null && !kind.isEmpty() && Kind.byName(kind).isEmpty()
                    && errors.stream().allMatch(e -> "kind".equals(e.path()));
        }
    }
}
