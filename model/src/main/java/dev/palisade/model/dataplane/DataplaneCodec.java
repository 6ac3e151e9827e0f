package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON for {@code palisade.dataplane} values. Every value carries {@value #VERSION_FIELD}; a reader accepts
 * any value of its own major version and ignores fields it does not know, so fields can be added without a
 * version bump. A changed meaning of an existing field, or a removed one, needs a new major version.
 */
public final class DataplaneCodec {

    public static final int FORMAT_VERSION = 2;
    public static final String VERSION_FIELD = "formatVersion";

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    public byte[] encode(DataplaneEntry entry) {
        ObjectNode node = json.valueToTree(entry);
        ObjectNode versioned = json.createObjectNode();
        versioned.put(VERSION_FIELD, FORMAT_VERSION);
        versioned.setAll(node);
        try {
            return json.writeValueAsBytes(versioned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + entry, e);
        }
    }

    public String encodeToString(DataplaneEntry entry) {
        return new String(encode(entry), StandardCharsets.UTF_8);
    }

    /** A {@code palisade.status} value: the status with {@value #VERSION_FIELD}. */
    public byte[] encodeStatus(DataplaneStatus status) {
        ObjectNode versioned = json.createObjectNode();
        versioned.put(VERSION_FIELD, FORMAT_VERSION);
        versioned.setAll((ObjectNode) json.valueToTree(status));
        try {
            return json.writeValueAsBytes(versioned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + status, e);
        }
    }

    public DataplaneStatus decodeStatus(byte[] value) {
        try {
            return json.treeToValue(versioned(value), DataplaneStatus.class);
        } catch (JsonProcessingException e) {
            throw new DataplaneFormatException(e.getOriginalMessage());
        }
    }

    /** The entry in {@code value}; null for a tombstone (a null value). */
    public DataplaneEntry decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return json.treeToValue(versioned(value), DataplaneEntry.class);
        } catch (JsonProcessingException e) {
            throw new DataplaneFormatException(e.getOriginalMessage());
        }
    }

    private JsonNode versioned(byte[] value) {
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new DataplaneFormatException("value is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new DataplaneFormatException("value must be a JSON object");
        }
        JsonNode version = node.get(VERSION_FIELD);
        if (version == null || !version.canConvertToInt()) {
            throw new DataplaneFormatException(VERSION_FIELD + ": missing or not an integer");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new DataplaneFormatException(VERSION_FIELD + ": " + version.asInt()
                    + " is not supported (this reader knows version " + FORMAT_VERSION + ")");
        }
        return node;
    }

    public DataplaneEntry decode(String value) {
        return value == null ? null : decode(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes one record and checks that its value belongs under its key. */
    public DataplaneMessage decode(String key, byte[] value) {
        DataplaneKey k = DataplaneKey.parse(key);
        DataplaneEntry entry = decode(value);
        try {
            return new DataplaneMessage(k, entry);
        } catch (IllegalArgumentException e) {
            throw new DataplaneFormatException(e.getMessage());
        }
    }
}
