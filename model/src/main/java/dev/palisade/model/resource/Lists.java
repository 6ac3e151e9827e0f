package dev.palisade.model.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-tolerant immutable copies: YAML may hold explicit nulls inside lists, which validation reports. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Keeps null distinct from empty, for fields where "absent" and "[]" mean different things. */
    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : copy(list);
    }
}
