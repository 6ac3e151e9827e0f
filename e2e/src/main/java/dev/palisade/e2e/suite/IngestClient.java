package dev.palisade.e2e.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ingest-service's REST API as a user's tool calls it: {@code apply} (create or update, calicoctl's verb),
 * merge {@code patch}, {@code delete}, {@code list}. A refused request fails with the service's message.
 */
public final class IngestClient {

    private static final String API = "/apis/projectcalico.org/v3/";

    /** A list and the datastore revision it was read at. */
    public record Listing(long revision, List<Resource> items) {
    }

    private final URI base;
    private final String token;
    private final ResourceCodec codec = new ResourceCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public IngestClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Applies every resource in one request; returns the highest revision written. */
    public long apply(List<? extends Resource> resources) {
        String stream = resources.stream().map(codec::toJson).collect(Collectors.joining("\n---\n"));
        JsonNode report = send("POST", "apply", stream, "application/yaml");
        long revision = -1;
        List<String> failures = new ArrayList<>();
        for (JsonNode result : report.path("results")) {
            if ("failed".equals(result.path("status").asText())) {
                failures.add(result.path("kind").asText() + " " + result.path("name").asText() + ": "
                        + result.path("errors"));
            } else {
                revision = Math.max(revision, result.path("resource").path("metadata").path("resourceVersion").asLong());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("ingest-service refused: " + String.join("; ", failures));
        }
        return revision;
    }

    /** RFC 7386 merge patch; returns the revision written. */
    public long patch(Kind kind, String name, String mergePatch) {
        return revisionOf(send("PATCH", kind.plural() + "/" + name, mergePatch, "application/merge-patch+json"));
    }

    public long delete(Kind kind, String name) {
        return revisionOf(send("DELETE", kind.plural() + "/" + name, null, null));
    }

    /** For clean-ups racing the hep-controller, which may delete an automatic host endpoint first. */
    public void deleteIfPresent(Kind kind, String name) {
        try {
            delete(kind, name);
        } catch (RefusedException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    public Listing list(Kind kind) {
        JsonNode list = send("GET", kind.plural(), null, null);
        List<Resource> items = new ArrayList<>();
        list.path("items").forEach(item -> items.add(codec.decode(item)));
        return new Listing(list.path("metadata").path("resourceVersion").asLong(), items);
    }

    /** The revisions the audit log holds for one resource ({@code GET /audit?kind=&name=}). */
    public java.util.Set<Long> auditRevisions(Kind kind, String name) {
        JsonNode page = send("GET", base.resolve("/audit?kind=" + kind.kindName() + "&name=" + name + "&limit=1000"), null, null);
        java.util.Set<Long> revisions = new java.util.HashSet<>();
        page.path("items").forEach(item -> revisions.add(item.path("revision").asLong()));
        return revisions;
    }

    /** The audit log's page for one resource, newest first ({@code GET /audit?kind=&name=}). */
    public JsonNode audit(Kind kind, String name) {
        return send("GET", base.resolve("/audit?kind=" + kind.kindName() + "&name=" + name), null, null);
    }

    private static long revisionOf(JsonNode resource) {
        return resource.path("metadata").path("resourceVersion").asLong();
    }

    private JsonNode send(String method, String path, String body, String contentType) {
        return send(method, base.resolve(API + path), body, contentType);
    }

    private JsonNode send(String method, URI target, String body, String contentType) {
        String path = target.getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " to ingest-service failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling ingest-service", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException(response.statusCode(),
                    method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return codec.jsonMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": not JSON: " + response.body(), e);
        }
    }

    /** ingest-service answered with a non-2xx status. */
    public static final class RefusedException extends IllegalStateException {
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
