package dev.palisade.ingest.core.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CloudEvent from a Kafka record, in either mode of the Kafka protocol binding: structured (the
 * whole event is the JSON value, content type {@code application/cloudevents+json}) or binary (attributes in
 * {@code ce_*} headers, the value is the data).
 */
public final class CloudEventReader {

    private static final String STRUCTURED = "application/cloudevents+json";

    private final ObjectMapper json;

    public CloudEventReader(ObjectMapper json) {
        this.json = json;
    }

    /** {@code headers}: record headers by name (values as UTF-8 text). */
    public CloudEvent read(Map<String, String> headers, byte[] value) {
        if (headers.containsKey("ce_specversion")) {
            return new CloudEvent(
                    required(headers.get("ce_id"), "ce_id header"),
                    required(headers.get("ce_source"), "ce_source header"),
                    required(headers.get("ce_type"), "ce_type header"),
                    headers.get("ce_specversion"),
                    parse(value, "data"));
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        JsonNode event = parse(value, "event");
        if (!contentType.startsWith(STRUCTURED) && !event.has("specversion")) {
            throw new RejectedEventException("not a CloudEvent: no ce_specversion header, no content-type "
                    + STRUCTURED + " and no specversion attribute");
        }
        if (!event.isObject()) {
            throw new RejectedEventException("a structured CloudEvent must be a JSON object");
        }
        return new CloudEvent(
                required(text(event, "id"), "attribute id"),
                required(text(event, "source"), "attribute source"),
                required(text(event, "type"), "attribute type"),
                required(text(event, "specversion"), "attribute specversion"),
                event.path("data"));
    }

    private JsonNode parse(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new RejectedEventException("the " + what + " is empty");
        }
        try {
            return json.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new RejectedEventException("the " + what + " is not valid JSON: " + e.getOriginalMessage() + where);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("missing " + what);
        }
        return value;
    }
}
