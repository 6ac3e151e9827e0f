package dev.palisade.hepcontroller.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.hepcontroller.core.HostEndpointStore.StoreException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ingest-service's resource API ({@code /apis/projectcalico.org/v3/<plural>[/{name}]}) with the controller's
 * own editor token: reads are always fresh, and every write goes through validation, etcd and the audit log
 * like a user's. Failures become {@link StoreException}s that name the kind, the object and ingest's reason.
 */
final class IngestApi {

    private final HttpClient http;
    private final URI apiBase;
    private final String token;
    private final ResourceCodec codec;
    private final Duration timeout;

    IngestApi(HttpClient http, URI apiBase, String token, ResourceCodec codec, Duration timeout) {
        this.http = http;
        this.apiBase = apiBase;
        this.token = token;
        this.codec = codec;
        this.timeout = timeout;
    }

    URI collection(Kind kind) {
        return apiBase.resolve("/apis/" + "projectcalico.org/v3/" + kind.plural());
    }

    URI item(Kind kind, String name) {
        return URI.create(collection(kind) + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    String json(Resource resource) {
        return codec.toJson(resource);
    }

    HttpResponse<String> send(String method, URI uri, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(method + " " + uri + " interrupted", e);
        }
    }

    /** POSTs a new resource and answers what ingest stored (with its resourceVersion). */
    <R extends Resource> R create(Class<R> type, Kind kind, R resource) {
        HttpResponse<String> r = send("POST", collection(kind), json(resource));
        expect(r, "create", kind, resource.metadata().name(), 200, 201);
        return type.cast(resource(r.body()));
    }

    /** PUTs a resource over the stored one and answers what ingest stored. */
    <R extends Resource> R update(Class<R> type, Kind kind, R resource) {
        HttpResponse<String> r = send("PUT", item(kind, resource.metadata().name()), json(resource));
        expect(r, "update", kind, resource.metadata().name(), 200);
        return type.cast(resource(r.body()));
    }

    /** Deletes by name; a resource already gone is what the caller wanted. */
    void delete(Kind kind, String name) {
        HttpResponse<String> r = send("DELETE", item(kind, name), null);
        if (r.statusCode() != 404) {
            expect(r, "delete", kind, name, 200, 202, 204);
        }
    }

    /** Kubernetes Status bodies carry the reason; say it, with the code, in the error. */
    void expect(HttpResponse<String> r, String verb, Kind kind, String name, int... codes) {
        for (int c : codes) {
            if (r.statusCode() == c) {
                return;
            }
        }
        String message = r.body();
        try {
            JsonNode status = codec.jsonMapper().readTree(r.body());
            if (status.hasNonNull("message")) {
                message = status.get("message").asText();
            }
        } catch (IOException notJson) {
            // the raw body is the best message there is
        }
        throw new StoreException("cannot " + verb + " " + kind.kindName() + " \"" + name + "\": HTTP "
                + r.statusCode() + ": " + message);
    }

    Resource resource(String body) {
        return resource(tree(body));
    }

    Resource resource(JsonNode item) {
        return codec.decode(item);
    }

    JsonNode tree(String body) {
        try {
            return codec.jsonMapper().readTree(body);
        } catch (IOException e) {
            throw new StoreException("ingest-service answered with something that is not JSON: " + e.getMessage(), e);
        }
    }
}
