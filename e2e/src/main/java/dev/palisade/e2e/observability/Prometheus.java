package dev.palisade.e2e.observability;

import dev.palisade.e2e.suite.Services.ScrapeTarget;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's {@code prometheus} package) on loopback scraping the suite every second with
 * Palisade's alert rules loaded, and its HTTP API ({@link #api()}). Stopped by PID on close; its TSDB lives in a fresh
 * directory under {@code work}.
 */
public final class Prometheus implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus";

    private final ServerProcess process;
    private final PrometheusApi api;
    private final long startedSeconds;

    private Prometheus(ServerProcess process, URI api) {
        this.process = process;
        this.api = new PrometheusApi(api);
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
                process.awaitReady(Duration.ofSeconds(60), "/-/ready", () -> prometheus.api.ready());
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

    /** Its HTTP API. */
    public PrometheusApi api() {
        return api;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }
}
