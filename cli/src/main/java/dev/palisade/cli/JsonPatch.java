package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch applied to a resource tree (add, remove, replace, move, copy, test). The server speaks
 * merge patch; {@code patch --type json} reads the resource, applies this, and replaces it at the revision it
 * read, so a concurrent change is a conflict rather than lost.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    /** Applies every operation in order to a copy; an operation that cannot apply names its index. */
    static JsonNode apply(JsonNode target, JsonNode operations) {
        if (!operations.isArray()) {
            throw new IllegalArgumentException("a JSON patch is a list of operations");
        }
        JsonNode doc = target.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new IllegalArgumentException("operation " + i + ": \"path\" is required");
            }
            doc = switch (op.path("op").asText("")) {
                case "add" -> add(doc, path, value(op, i), i);
                case "remove" -> remove(doc, path, i);
                case "replace" -> add(remove(doc, path, i), path, value(op, i), i);
                case "move" -> add(remove(doc, from(op, i), i), path, get(doc, from(op, i), i), i);
                case "copy" -> add(doc, path, get(doc, from(op, i), i).deepCopy(), i);
                case "test" -> {
                    if (!get(doc, path, i).equals(value(op, i))) {
                        throw new IllegalArgumentException("operation " + i + ": test failed at " + path);
                    }
                    yield doc;
                }
                default -> throw new IllegalArgumentException("operation " + i + ": unknown op \""
                        + op.path("op").asText() + "\" (expected add, remove, replace, move, copy or test)");
            };
        }
        return doc;
    }

    private static JsonNode value(JsonNode op, int i) {
        if (!op.has("value")) {
            throw new IllegalArgumentException("operation " + i + ": \"value\" is required");
        }
        return op.get("value");
    }

    private static String from(JsonNode op, int i) {
        String from = op.path("from").asText(null);
        if (from == null) {
            throw new IllegalArgumentException("operation " + i + ": \"from\" is required");
        }
        return from;
    }

    private static JsonNode get(JsonNode doc, String path, int i) {
        JsonNode found = doc.at(path);
        if (found.isMissingNode()) {
            throw new IllegalArgumentException("operation " + i + ": no value at " + path);
        }
        return found;
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value, int i) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, parentOf(path), i);
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        if (parent instanceof ObjectNode obj) {
            obj.set(last, value);
        } else if (parent instanceof ArrayNode arr) {
            int at = "-".equals(last) ? arr.size() : index(last, arr.size(), i);
            arr.insert(at, value);
        } else {
            throw new IllegalArgumentException("operation " + i + ": " + parentOf(path) + " is not a container");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String path, int i) {
        get(doc, path, i);
        JsonNode parent = get(doc, parentOf(path), i);
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        if (parent instanceof ObjectNode obj) {
            obj.remove(last);
        } else if (parent instanceof ArrayNode arr) {
            arr.remove(index(last, arr.size() - 1, i));
        }
        return doc;
    }

    private static int index(String token, int max, int i) {
        try {
            int at = Integer.parseInt(token);
            if (at >= 0 && at <= max) {
                return at;
            }
        } catch (NumberFormatException e) {
            // reported below, with the operation's number
        }
        throw new IllegalArgumentException("operation " + i + ": bad array index \"" + token + "\"");
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
