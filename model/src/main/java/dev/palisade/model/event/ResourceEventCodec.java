package dev.palisade.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.ResourceKey;

import java.nio.charset.StandardCharsets;

/**
 * JSON form of {@link ResourceEvent}:
 * {@code {"schema":1,"revision":42,"key":"HostEndpoint/_/h1","type":"upsert","resync":false,"resource":{...}}};
 * {@code type} is {@code upsert} or {@code delete} (then no {@code resource}). Unknown fields are ignored.
 */
public final class ResourceEventCodec {

    private final ResourceCodec codec;

    public ResourceEventCodec(ResourceCodec codec) {
        this.codec = codec;
    }

    public byte[] encode(ResourceEvent event) {
        ObjectNode node = codec.jsonMapper().createObjectNode();
        node.put("schema", event.schema());
        node.put("revision", event.revision());
        node.put("key", event.key().toString());
        node.put("type", event.isDelete() ? "delete" : "upsert");
        node.put("resync", event.resync());
        if (!event.isDelete()) {
            node.set("resource", codec.tree(event.resource()));
        }
        try {
            return codec.jsonMapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.key(), e);
        }
    }

    public ResourceEvent decode(byte[] json) {
        JsonNode node;
        try {
            node = codec.jsonMapper().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new DecodeException("", "not a resource event: " + e.getOriginalMessage());
        }
        ResourceKey key = ResourceKey.parse(node.path("key").asText());
        long revision = node.path("revision").asLong();
        boolean resync = node.path("resync").asBoolean(false);
        return "delete".equals(node.path("type").asText())
                ? new ResourceEvent(node.path("schema").asInt(), revision, key, null, resync)
                : new ResourceEvent(node.path("schema").asInt(), revision, key, codec.decode(node.path("resource")), resync);
    }
}
