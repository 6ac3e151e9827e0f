package dev.palisade.model.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Strict, path-aware reading of one mapping of a v1 document. Every field read is remembered so that
 * {@link #finish()} can report the ones nobody asked for as unknown; type mismatches are recorded, never
 * thrown, so one pass collects every error of the document.
 */
final class V1Object {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;
    private final Set<String> read = new HashSet<>();

    private V1Object(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** A missing or null node reads as an empty mapping; anything else but a mapping is an error. */
    static V1Object of(JsonNode node, String path, List<FieldError> errors) {
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isObject()) {
            errors.add(new FieldError(path, "expected a mapping"));
            return new V1Object(null, path, errors);
        }
        return new V1Object(node != null && node.isObject() ? node : null, path, errors);
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    /** For list items, whose full path the list callbacks already carry. */
    void errorAt(String fullPath, String message) {
        errors.add(new FieldError(fullPath, message));
    }

    boolean has(String field) {
        JsonNode v = raw(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            error(field, "expected a string");
            return null;
        }
        return v.textValue();
    }

    boolean bool(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            error(field, "expected true or false");
            return false;
        }
        return v.booleanValue();
    }

    Double number(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            error(field, "expected a number");
            return null;
        }
        return v.doubleValue();
    }

    Integer integer(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            error(field, "expected an integer");
            return null;
        }
        return v.intValue();
    }

    /** A nested mapping; the caller reads it and calls {@link #finish()} on it. */
    V1Object object(String field) {
        return of(raw(field), path(field), errors);
    }

    /** The raw value, for fields that accept several JSON types (ports, protocols). */
    JsonNode value(String field) {
        JsonNode v = raw(field);
        return v == null || v.isNull() ? null : v;
    }

    List<String> strings(String field) {
        return list(field, (item, itemPath) -> {
            if (!item.isTextual()) {
                errors.add(new FieldError(itemPath, "expected a string"));
                return null;
            }
            return item.textValue();
        });
    }

    /** Each item of a list of mappings, converted by {@code convert}; unknown fields of items are reported. */
    <T> List<T> objects(String field, Function<V1Object, T> convert) {
        return list(field, (item, itemPath) -> {
            V1Object obj = of(item, itemPath, errors);
            T out = convert.apply(obj);
            obj.finish();
            return out;
        });
    }

    /** Each item with its path; a null result (an error already recorded) is left out. */
    <T> List<T> list(String field, BiFunction<JsonNode, String, T> convert) {
        JsonNode v = raw(field);
        List<T> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            error(field, "expected a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            T converted = convert.apply(v.get(i), path(field) + "[" + i + "]");
            if (converted != null) {
                out.add(converted);
            }
        }
        return out;
    }

    /** A string-to-string map in document order (labels, annotations). */
    Map<String, String> stringMap(String field) {
        JsonNode v = raw(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            error(field, "expected a mapping");
            return out;
        }
        v.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                errors.add(new FieldError(path(field) + "." + e.getKey(), "expected a string"));
            }
        });
        return out;
    }

    /** Reports every field of this mapping that was never read. */
    void finish() {
        if (node == null) {
            return;
        }
        node.properties().forEach(e -> {
            if (!read.contains(e.getKey())) {
                error(e.getKey(), "unknown field \"" + e.getKey() + "\" in a v1 resource");
            }
        });
    }

    private JsonNode raw(String field) {
        read.add(field);
        return node == null ? null : node.get(field);
    }
}
