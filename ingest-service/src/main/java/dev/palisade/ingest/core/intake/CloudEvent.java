package dev.palisade.ingest.core.intake;

import com.fasterxml.jackson.databind.JsonNode;

/** The CloudEvents attributes intake uses, and the event's data as JSON. */
public record CloudEvent(String id, String source, String type, String specVersion, JsonNode data) {
}
