package dev.palisade.ingest.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ReadOnlyResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.guard.LockoutException;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.Map;

/**
 * Applies events from external systems through the same validation and datastore path as the API.
 * Anything that cannot be applied is rejected with a reason (for the dead-letter topic); deleting what
 * is already gone is not an error, so redelivered deletes are harmless.
 */
public final class IntakeProcessor {

    public static final String APPLIED = "palisade.resource.applied";
    public static final String DELETED = "palisade.resource.deleted";
    public static final String NODE_ADDED = "io.k8s.node.added";
    public static final String NODE_UPDATED = "io.k8s.node.updated";
    public static final String NODE_DELETED = "io.k8s.node.deleted";

    /** What an accepted event did. */
    public enum Result { APPLIED, DELETED, ALREADY_ABSENT }

    private final ResourceService service;
    private final ResourceCodec codec;
    private final CloudEventReader reader;

    public IntakeProcessor(ResourceService service, ResourceCodec codec) {
        this.service = service;
        this.codec = codec;
        this.reader = new CloudEventReader(codec.jsonMapper());
    }

    /** Processes one record; throws {@link RejectedEventException} with the reason when it cannot. */
    public Result process(Map<String, String> headers, byte[] value) {
        CloudEvent event = reader.read(headers, value);
        String actor = "event:" + event.source();
        try {
            return switch (event.type()) {
                case APPLIED -> apply(decode(event.data()), actor);
                case NODE_ADDED, NODE_UPDATED -> apply(decode(nodeResource(event.data())), actor);
                case DELETED -> delete(deletedKey(event.data()), actor);
                case NODE_DELETED -> delete(new ResourceKey(Kind.NODE, null, requiredText(event.data(), "name")), actor);
                default -> throw new RejectedEventException("unknown event type \"" + event.type() + "\" (expected "
                        + String.join(", ", APPLIED, DELETED, NODE_ADDED, NODE_UPDATED, NODE_DELETED) + ")");
            };
        } catch (InvalidResourceException | ReadOnlyResourceException e) {
            throw new RejectedEventException("invalid " + event.type() + " event " + event.id() + ": " + e.getMessage(), e);
        } catch (DatastoreException e) {
            throw new RejectedEventException(event.type() + " event " + event.id() + " refused: " + e.getMessage(), e);
        } catch (LockoutException e) {
            throw new RejectedEventException(event.type() + " event " + event.id() + " refused by the lockout guard: "
                    + e.getMessage(), e);
        }
    }

    private Result apply(Resource resource, String actor) {
        service.apply(resource, actor);
        return Result.APPLIED;
    }

    private Result delete(ResourceKey key, String actor) {
        try {
            service.delete(key, Datastore.ANY_REVISION, actor);
            return Result.DELETED;
        } catch (DatastoreException.NotFound gone) {
            return Result.ALREADY_ABSENT;
        }
    }

    private Resource decode(JsonNode data) {
        try {
            return codec.decode(data);
        } catch (DecodeException e) {
            throw new InvalidResourceException(e.errors());
        }
    }

    /** data is either a whole resource or {@code {kind, namespace?, name}}. */
    private static ResourceKey deletedKey(JsonNode data) {
        JsonNode meta = data.has("metadata") ? data.get("metadata") : data;
        String kindName = requiredText(data, "kind");
        Kind kind = Kind.byName(kindName).or(() -> Kind.lookup(kindName))
                .orElseThrow(() -> new InvalidResourceException("kind", "unknown kind \"" + kindName + "\""));
        String namespace = meta.path("namespace").asText(null);
        if (kind.namespaced() && namespace == null) {
            throw new InvalidResourceException("namespace", "required for " + kind.kindName());
        }
        return new ResourceKey(kind, namespace, requiredText(meta, "name"));
    }

    /** A node event's data (name, labels, addresses, interfaces) as a v3 Node manifest. */
    private ObjectNode nodeResource(JsonNode data) {
        ObjectMapper json = codec.jsonMapper();
        if (!data.isObject()) {
            throw new InvalidResourceException("data", "a node event's data must be an object");
        }
        ObjectNode node = json.createObjectNode();
        node.put("apiVersion", Resource.API_VERSION);
        node.put("kind", Kind.NODE.kindName());
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("name", requiredText(data, "name"));
        if (data.has("labels")) {
            metadata.set("labels", data.get("labels"));
        }
        ObjectNode spec = node.putObject("spec");
        if (data.has("addresses")) {
            ArrayNode addresses = spec.putArray("addresses");
            data.get("addresses").forEach(a -> addresses.add(a.isTextual()
                    ? json.createObjectNode().put("address", a.asText()).put("type", "InternalIP")
                    : a));
        }
        if (data.has("interfaces")) {
            spec.set("interfaces", data.get("interfaces"));
        }
        data.fieldNames().forEachRemaining(field -> {
            if (!Map.of("name", 1, "labels", 1, "addresses", 1, "interfaces", 1).containsKey(field)) {
                throw new InvalidResourceException("data." + field, "unknown field in a node event");
            }
        });
        return node;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidResourceException("data." + field, "required");
        }
        return value.asText();
    }
}
