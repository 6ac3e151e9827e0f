package dev.palisade.e2e.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.e2e.suite.Services.ScrapeTarget;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's {@code prometheus} package) on loopback scraping the suite every second with
 * Palisade's alert rules loaded, and its HTTP API. Stopped by PID on close; its TSDB lives in a fresh
 * directory under {@code work}.
 */
public final class Prometheus implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServerProcess process;
    private final URI api;
    private final long startedSeconds;

    private Prometheus(ServerProcess process, URI api) {
        this.process = process;
        this.api = api;
        this.startedSeconds = System.currentTimeMillis() / 1000;
    }

    /** Starts Prometheus; fails (never skips) when the binary is missing or it does not become ready. */
    public static Prometheus start(Path work, List<ScrapeTarget> targets, List<Path> ruleFiles) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus (.ci/run installs it)");
        }
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "prometheus-");
            Path config = Files.writeString(dir.resolve("prometheus.yml"), config(targets, ruleFiles));
            int port = Ports.freeLoopbackPort();
            ServerProcess process = ServerProcess.start("prometheus", List.of(BINARY,
                    "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
            Prometheus prometheus = new Prometheus(process, URI.create("http://127.0.0.1:" + port));
            try {
                process.awaitReady(Duration.ofSeconds(60), "/-/ready", () -> prometheus.status("/-/ready") == 200);
            } catch (RuntimeException e) {
                prometheus.close();
                throw e;
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Prometheus's configuration under " + work, e);
        }
    }

    static String config(List<ScrapeTarget> targets, List<Path> ruleFiles) {
        StringBuilder out = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                """);
        ruleFiles.forEach(f -> out.append("  - '").append(f.toAbsolutePath()).append("'\n"));
        out.append("scrape_configs:\n");
        int n = 0;
        for (ScrapeTarget t : targets) {
            out.append("  - job_name: '").append(t.job()).append(t.node() == null ? "" : "-" + t.node())
                    .append("-").append(n++).append("'\n    metrics_path: '").append(t.path())
                    .append("'\n    static_configs:\n      - targets: ['").append(t.address()).append("']\n");
            out.append("        labels: {service: '").append(t.job()).append("'");
            if (t.node() != null) {
                out.append(", node: '").append(t.node()).append("'");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    /** Seconds since the epoch at which Prometheus started: the start of every range query. */
    public long startedSeconds() {
        return startedSeconds;
    }

    /** GET an API path ({@code /api/v1/...}) and return its JSON body. */
    public JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus API " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public JsonNode queryRange(String expr, long from, long to, int stepSeconds) {
        return get("/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + from + "&end=" + to + "&step=" + stepSeconds);
    }

    public JsonNode query(String expr) {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }
}
