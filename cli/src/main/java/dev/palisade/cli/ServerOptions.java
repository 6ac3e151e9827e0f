package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the online verbs send requests, and the bearer token they present (never printed). As with calicoctl,
 * a config file can hold both (and {@code cacert}, the CA to trust for https); the order is: flags, an explicit {@code -c FILE}, the environment
 * ({@code PALISADE_SERVER}, {@code PALISADE_TOKEN}), then {@code /etc/palisade/palisade.cfg} if present.
 */
final class ServerOptions {

    static final Path DEFAULT_CONFIG = Path.of("/etc/palisade/palisade.cfg");
    private static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Option(names = "--server", description = "ingest-service URL (default: $PALISADE_SERVER or http://127.0.0.1:8080)")
    String server;

    @Option(names = "--token", description = "bearer token (default: $PALISADE_TOKEN)")
    String token;

    @Option(names = "--cacert", description = "PEM file of the CA certificates to trust for an https:// server, "
            + "instead of the system's (default: $PALISADE_CACERT or spec.cacert of the config file)")
    Path cacert;

    @Option(names = {"-c", "--config"}, description = "config file with spec.server and spec.token "
            + "(default: /etc/palisade/palisade.cfg if it exists)")
    Path config;

    ApiClient client() {
        return client(System.getenv());
    }

    ApiClient client(Map<String, String> env) {
        JsonNode explicit = config == null ? null : read(config);
        JsonNode fallback = config == null && Files.isRegularFile(DEFAULT_CONFIG) ? read(DEFAULT_CONFIG) : null;
        String url = first(server, text(explicit, "server"), env.get("PALISADE_SERVER"), text(fallback, "server"),
                DEFAULT_SERVER);
        String bearer = first(token, text(explicit, "token"), env.get("PALISADE_TOKEN"), text(fallback, "token"), null);
        String trust = first(cacert == null ? null : cacert.toString(), text(explicit, "cacert"),
                env.get("PALISADE_CACERT"), text(fallback, "cacert"), null);
        return new ApiClient(url, bearer, trust == null ? null : TrustedCertificates.fromPem(Path.of(trust)));
    }

    /** {@code apiVersion: palisade.dev/v1, kind: PalisadeAPIConfig, spec: {server: …, token: …}}. */
    private static JsonNode read(Path file) {
        try {
            JsonNode doc = new YAMLMapper().readTree(file.toFile());
            if (doc == null || !doc.path("spec").isObject()) {
                throw new IllegalArgumentException("config file " + file + ": expected a mapping with spec.server "
                        + "and spec.token");
            }
            return doc.get("spec");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode spec, String field) {
        return spec == null || !spec.path(field).isTextual() ? null : spec.get(field).asText();
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
