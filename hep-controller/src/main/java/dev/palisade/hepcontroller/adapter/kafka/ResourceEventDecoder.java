package dev.palisade.hepcontroller.adapter.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.io.IOException;

/**
 * Reads one record value of {@code palisade.resources} (schema 1, as ingest-service publishes it:
 * {@code {"schema":1,"revision":42,"key":"Node/_/n1","type":"upsert"|"delete","resync":false,"resource":{…}}}).
 * Unknown fields are ignored.
 */
final class ResourceEventDecoder {

    /** One change; {@code resourceOrNull} is null for a deletion. */
    record Change(ResourceKey key, long revision, Resource resourceOrNull, boolean resync) {
    }

    private final ResourceCodec codec;

    ResourceEventDecoder(ResourceCodec codec) {
        this.codec = codec;
    }

    Change decode(byte[] value) {
        JsonNode node;
        try {
            node = codec.jsonMapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a resource event: " + e.getMessage(), e);
        }
        ResourceKey key = ResourceKey.parse(node.path("key").asText());
        long revision = node.path("revision").asLong();
        boolean resync = node.path("resync").asBoolean(false);
        Resource resource = "delete".equals(node.path("type").asText()) ? null : codec.decode(node.path("resource"));
        return new Change(key, revision, resource, resync);
    }
}
