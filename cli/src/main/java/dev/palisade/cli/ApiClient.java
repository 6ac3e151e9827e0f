package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.resource.Kind;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
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

/** A thin client of ingest-service's resource API. */
final class ApiClient {

    static final String API = "/apis/projectcalico.org/v3/";

    /**
     * calicoctl's "Failed to VERB 'KIND' resource: [ERROR]", except when the server could not confirm the write (504
     * "outcome unknown"): it may have taken effect, or may still, so the line must not call it failed.
     */
    static String failure(String verb, String kind, String error) {
        return error.startsWith("outcome unknown")
                ? "Outcome unknown: the " + verb + " of '" + kind + "' resource may or may not have taken effect;"
                        + " read it before retrying: [" + error + "]"
                : "Failed to " + verb + " '" + kind + "' resource: [" + error + "]";
    }

    /** A response: status code and body, with the server's error message when it failed. */
    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("the server answered something that is not JSON: " + body, e);
            }
        }

        /** The Kubernetes Status message and every field cause, as calicoctl prints them. */
        String error() {
            try {
                JsonNode status = JSON.readTree(body);
                List<String> parts = new ArrayList<>();
                status.path("details").path("causes").forEach(c -> parts.add(
                        (c.path("field").asText().isEmpty() ? "" : c.path("field").asText() + ": ") + c.path("message").asText()));
                String text = parts.isEmpty() ? status.path("message").asText(body) : String.join("; ", parts);
                return explained(status.path("reason").asText(), text);
            } catch (IOException e) {
                return "HTTP " + status + ": " + body;
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A refusal's text, with what to do about it when the reason is the lockout guard's. */
    static String explained(String reason, String text) {
        return "LockedOut".equals(reason) ? "the write would lock hosts out (repeat with --force to override): " + text
                : text;
    }

    private final String server;
    private final String token;
    private final HttpClient http;
    private final List<String> warnings = new ArrayList<>();

    /** {@code trust}: the TLS context of {@code --cacert}; null trusts the JDK's CA certificates. */
    ApiClient(String server, String token, SSLContext trust) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (trust != null) {
            builder.sslContext(trust);
        }
        this.http = builder.build();
    }

    String server() {
        return server;
    }

    static String path(Kind kind, String namespace, String name) {
        StringBuilder path = new StringBuilder("/apis/" + kind.apiVersion() + "/");
        if (kind.namespaced() && namespace != null) {
            path.append("namespaces/").append(encode(namespace)).append('/');
        }
        path.append(kind.plural());
        if (name != null) {
            path.append('/').append(encode(name));
        }
        return path.toString();
    }

    Reply send(String method, String path, String contentType, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Warning").forEach(w -> warnings.add(warningText(w)));
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot connect to " + server + " (set --server or PALISADE_SERVER)", e);
        } catch (SSLHandshakeException e) {
            throw new IOException("TLS with " + server + " failed: " + e.getMessage()
                    + " (a server certificate from your own CA needs --cacert FILE or PALISADE_CACERT)", e);
        }
    }

    /** The server's {@code Warning} headers since the last call, for the verb to print as kubectl does. */
    List<String> takeWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    /** {@code 299 - "text"} to {@code text}; anything else as it came. */
    static String warningText(String header) {
        int open = header.indexOf('"');
        if (!header.startsWith("299") || open < 0 || !header.endsWith("\"") || header.length() - 1 <= open) {
            return header;
        }
        return header.substring(open + 1, header.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
