package dev.palisade.hepcontroller.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.hepcontroller.core.HostEndpointStore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host endpoints through ingest-service's API ({@code /apis/projectcalico.org/v3/hostendpoints[/{name}]}),
 * with the controller's own editor token: reads are always fresh, and every write goes through validation,
 * etcd and the audit log like a user's.
 */
public final class IngestApiHostEndpointStore implements HostEndpointStore {

    private final HttpClient http;
    private final URI collection;
    private final String token;
    private final ResourceCodec codec;
    private final Duration timeout;

    public IngestApiHostEndpointStore(HttpClient http, URI apiBase, String token, ResourceCodec codec,
                                      Duration timeout) {
        this.http = http;
        this.collection = apiBase.resolve("/apis/" + "projectcalico.org/v3/" + Kind.HOST_ENDPOINT.plural());
        this.token = token;
        this.codec = codec;
        this.timeout = timeout;
    }

    @Override
    public Optional<HostEndpoint> get(String name) {
        HttpResponse<String> r = send("GET", item(name), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, "get", name, 200);
        return Optional.of(hep(r.body()));
    }

    @Override
    public List<HostEndpoint> list() {
        HttpResponse<String> r = send("GET", collection, null);
        expect(r, "list", "", 200);
        List<HostEndpoint> out = new ArrayList<>();
        tree(r.body()).path("items").forEach(item -> out.add((HostEndpoint) codec.decode(item)));
        return out;
    }

    @Override
    public HostEndpoint create(HostEndpoint hep) {
        HttpResponse<String> r = send("POST", collection, codec.toJson(hep));
        expect(r, "create", hep.metadata().name(), 200, 201);
        return hep(r.body());
    }

    @Override
    public HostEndpoint update(HostEndpoint hep) {
        HttpResponse<String> r = send("PUT", item(hep.metadata().name()), codec.toJson(hep));
        expect(r, "update", hep.metadata().name(), 200);
        return hep(r.body());
    }

    @Override
    public void delete(String name) {
        HttpResponse<String> r = send("DELETE", item(name), null);
        if (r.statusCode() != 404) {
            expect(r, "delete", name, 200, 202, 204);
        }
    }

    private URI item(String name) {
        return URI.create(collection + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, URI uri, String jsonBody) {
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

    /** Kubernetes Status bodies carry the reason; say it, with the code, in the error. */
    private void expect(HttpResponse<String> r, String verb, String name, int... codes) {
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
        throw new StoreException("cannot " + verb + " HostEndpoint \"" + name + "\": HTTP " + r.statusCode()
                + ": " + message);
    }

    private HostEndpoint hep(String body) {
        return (HostEndpoint) codec.decode(tree(body));
    }

    private JsonNode tree(String body) {
        try {
            return codec.jsonMapper().readTree(body);
        } catch (IOException e) {
            throw new StoreException("ingest-service answered with something that is not JSON: " + e.getMessage(), e);
        }
    }
}
