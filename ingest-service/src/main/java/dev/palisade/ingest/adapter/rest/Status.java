package dev.palisade.ingest.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.FieldError;
import dev.palisade.model.resource.ResourceKey;

import java.util.List;

/** The Kubernetes {@code Status} object clients expect with every error. */
final class Status {

    private Status() {
    }

    static ObjectNode failure(ObjectMapper json, int code, String reason, String message, ResourceKey key,
                              List<FieldError> causes) {
        ObjectNode status = json.createObjectNode();
        status.put("apiVersion", "v1");
        status.put("kind", "Status");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        if (key != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (key != null) {
                details.put("kind", key.kind().plural());
                details.put("name", key.name());
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                causes.forEach(c -> list.addObject().put("field", c.path()).put("message", c.message()));
            }
        }
        return status;
    }
}
