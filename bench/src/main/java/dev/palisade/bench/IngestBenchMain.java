package dev.palisade.bench;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.ServerProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run ingest}: the packaged ingest-service against real etcd, Kafka and PostgreSQL, driven by
 * 1 and then 16 concurrent clients that apply GlobalNetworkSets (each apply a real change, so a new etcd
 * revision). Reports sustained applies/s, the apply round trip, and the latency from the commit (as an etcd
 * watch announces it) to the record of that revision arriving on {@code palisade.resources}, and from the
 * request to that arrival; ends with one {@code RESULT {json}} line.
 */
public final class IngestBenchMain {

    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 5));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measureSeconds", 15));
    private static final String TOKEN = "bench-token";

    private IngestBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("palisade.ingest.app", "ingest-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            throw new IllegalStateException("packaged ingest-service not found at " + app);
        }
        try (KafkaBroker kafka = KafkaBroker.start(); Etcd etcd = Etcd.start(); Postgres postgres = Postgres.start()) {
            int port = freePort();
            ServerProcess service = startService(app, kafka, etcd, postgres, port);
            try (EtcdCommits commits = new EtcdCommits(etcd.endpoint(), "/palisade/v3/");
                 TopicArrivals arrivals = new TopicArrivals(kafka.bootstrapServers(), "palisade.resources")) {
                ApplyLoad load = new ApplyLoad("http://127.0.0.1:" + port, TOKEN, commits, arrivals);
                List<ApplyLoad.Phase> phases = List.of(
                        load.run(1, WARMUP, MEASURE),
                        load.run(16, WARMUP, MEASURE));
                System.out.println("RESULT " + json(phases));
            } finally {
                service.stop();
            }
        }
    }

    private static ServerProcess startService(Path app, KafkaBroker kafka, Etcd etcd, Postgres postgres, int port)
            throws IOException {
        Path tokens = Files.createTempFile("palisade-bench-tokens", "");
        Files.writeString(tokens, TOKEN + ",bench,editor\n");
        tokens.toFile().deleteOnExit();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerProcess process = ServerProcess.start("ingest-service", List.of(java, "-Xmx512m", "-XX:+UseParallelGC",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Detcd.endpoints=" + etcd.endpoint(),
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                "-Dquarkus.datasource.username=" + postgres.user(),
                "-Dquarkus.datasource.password=" + postgres.password(),
                "-Dpalisade.ingest.auth.tokens-file=" + tokens,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN",
                "-jar", app.toAbsolutePath().toString()));
        ApplyLoad probe = new ApplyLoad("http://127.0.0.1:" + port, TOKEN, null, null);
        process.awaitReady(Duration.ofSeconds(120), "the resource API answering", probe::answers);
        return process;
    }

    private static String json(List<ApplyLoad.Phase> phases) {
        StringBuilder json = new StringBuilder("{\"bench\":\"ingest\",\"resource\":\"GlobalNetworkSet\"")
                .append(",\"warmupSeconds\":").append(WARMUP.toSeconds())
                .append(",\"measureSeconds\":").append(MEASURE.toSeconds())
                .append(",\"cores\":").append(Runtime.getRuntime().availableProcessors())
                .append(",\"loadAverage\":").append(fmt(Machine.loadAverage()));
        for (ApplyLoad.Phase p : phases) {
            json.append(",\"clients").append(p.clients()).append("\":{")
                    .append("\"appliesPerSecond\":").append(fmt(p.appliesPerSecond()))
                    .append(",\"applies\":").append(p.applies())
                    .append(",\"errors\":").append(p.errors())
                    .append(",\"applyP50Ms\":").append(fmt(p.apply().p50()))
                    .append(",\"applyP99Ms\":").append(fmt(p.apply().p99()))
                    .append(",\"commitToTopicP50Ms\":").append(fmt(p.commitToTopic().p50()))
                    .append(",\"commitToTopicP99Ms\":").append(fmt(p.commitToTopic().p99()))
                    .append(",\"requestToTopicP50Ms\":").append(fmt(p.requestToTopic().p50()))
                    .append(",\"requestToTopicP99Ms\":").append(fmt(p.requestToTopic().p99()))
                    .append(",\"notOnTopic\":").append(p.notOnTopic())
                    .append('}');
        }
        return json.append('}').toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
