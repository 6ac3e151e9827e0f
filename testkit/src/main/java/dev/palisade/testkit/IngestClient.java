package dev.palisade.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** ingest-service's Calico API as a user sees it: YAML in, JSON out, one bearer token. */
public record IngestClient(URI base, String token, HttpClient http) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Plain HTTP, or HTTPS with a certificate the JDK trusts. */
    public IngestClient(URI base, String token) {
        this(base, token, HTTP);
    }
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/apis/projectcalico.org/v3/";

    /** Creates a resource from YAML; fails the test unless ingest answers 201. */
    public void create(String plural, String yaml) {
        expect(201, send(request(plural).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))));
    }

    /** A JSON merge patch; fails the test unless ingest answers 200. */
    public void patch(String plural, String name, String mergePatch) {
        expect(200, send(request(plural + "/" + name).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(mergePatch))));
    }

    public void delete(String plural, String name) {
        expect(200, send(request(plural + "/" + name).DELETE()));
    }

    /** The resource, or empty when ingest answers 404. */
    public Optional<JsonNode> get(String plural, String name) {
        HttpResponse<String> response = send(request(plural + "/" + name).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(200, response));
    }

    /** The {@code items} of a list, filtered by a label selector. */
    public JsonNode list(String plural, String labelSelector) {
        return expect(200, send(request(plural + "?labelSelector="
                + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8)).GET()))
                .path("items");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(API + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + ": expected "
                    + status + ", got " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + response.request().uri() + ": " + response.body(), e);
        }
    }
}
