package dev.palisade.ingest.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Writes responses as JSON, or as YAML when the client asks for it in {@code Accept}. */
@ApplicationScoped
public class Representation {

    public static final String YAML = "application/yaml";

    private final ResourceCodec codec;

    public Representation(ResourceCodec codec) {
        this.codec = codec;
    }

    public ObjectMapper json() {
        return codec.jsonMapper();
    }

    public ObjectNode tree(Resource resource) {
        return codec.tree(resource);
    }

    /** A Kubernetes-style list: {@code <Kind>List} with {@code metadata.resourceVersion} and {@code items}. */
    public ObjectNode list(Kind kind, Listing listing) {
        ObjectNode list = json().createObjectNode();
        list.put("apiVersion", kind.apiVersion());
        list.put("kind", kind.kindName() + "List");
        list.putObject("metadata").put("resourceVersion", Long.toString(listing.revision()));
        ArrayNode items = list.putArray("items");
        listing.items().forEach(r -> items.add(tree(r)));
        return list;
    }

    public Response ok(HttpHeaders headers, JsonNode body) {
        return respond(headers, Response.Status.OK, body);
    }

    public Response respond(HttpHeaders headers, Response.Status status, JsonNode body) {
        return respond(wantsYaml(headers), status.getStatusCode(), body);
    }

    public Response respond(boolean asYaml, int status, JsonNode body) {
        try {
            String text = asYaml ? codec.toYaml(body) : json().writerWithDefaultPrettyPrinter().writeValueAsString(body);
            return Response.status(status).type(asYaml ? YAML : MediaType.APPLICATION_JSON).entity(text).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }

    public static boolean wantsYaml(HttpHeaders headers) {
        return headers != null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.getSubtype().equals("yaml") || m.getSubtype().equals("x-yaml"));
    }
}
