package dev.palisade.hepcontroller.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import dev.palisade.testkit.IngestClient;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged hep-controller against the packaged ingest-service, both on real etcd, Kafka and PostgreSQL:
 * Nodes and the {@code default} KubeControllersConfiguration are changed through ingest's API as a user
 * would (seed 001's patch), and the auto host endpoints are checked through the same API.
 */
@ExtendWith({KafkaBrokerExtension.class, EtcdExtension.class, PostgresExtension.class})
class AutoHostEndpointsThroughIngestIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String CREATED_BY = "projectcalico.org/created-by";
    private static final String KUBE_CONTROLLERS = "calico-kube-controllers";
    private static final Path TEST_RESOURCES = Path.of("src/test/resources").toAbsolutePath();

    @Test
    void autoHostEndpointsFollowNodesAndTheAutoCreateSwitch(KafkaBroker kafka, Etcd etcd, Postgres postgres)
            throws Exception {
        int ingestPort = freePort();
        int controllerPort = freePort();
        List<ServerProcess> started = new ArrayList<>();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            started.add(ServerProcess.start("ingest", List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.username=" + postgres.user(),
                    "-Dquarkus.datasource.password=" + postgres.password(),
                    "-Dpalisade.ingest.auth.tokens-file=" + TEST_RESOURCES.resolve("ingest-tokens"),
                    "-Dquarkus.http.port=" + ingestPort,
                    "-jar", packagedApp("palisade.ingest.app"))));
            started.add(ServerProcess.start("hep-controller", List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dpalisade.hep-controller.ingest-url=http://127.0.0.1:" + ingestPort,
                    "-Dpalisade.hep-controller.token-file=" + TEST_RESOURCES.resolve("test-editor.token"),
                    "-Dpalisade.hep-controller.election-name=palisade/it/" + System.nanoTime(),
                    "-Dquarkus.http.port=" + controllerPort,
                    "-jar", packagedApp("palisade.hep-controller.app"))));
            started.get(0).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready",
                    () -> status(ingestPort, "/q/health/ready") == 200);
            // ready once ingest has created the resource topic and the controller has read it
            started.get(1).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready",
                    () -> status(controllerPort, "/q/health/ready") == 200);

            IngestClient api = new IngestClient(URI.create("http://127.0.0.1:" + ingestPort), "test-user-token");
            api.create("hostendpoints", """
                    apiVersion: projectcalico.org/v3
                    kind: HostEndpoint
                    metadata: {name: it-node1-eth0, labels: {made-by: user}}
                    spec: {node: it-node1, interfaceName: eth0, expectedIPs: [198.18.3.11]}
                    """);
            String userHepVersion = api.get("hostendpoints", "it-node1-eth0").orElseThrow()
                    .path("metadata").path("resourceVersion").asText();
            api.create("nodes", node("it-node1", "worker", "bgp: {ipv4Address: 198.18.3.11/24}",
                    "198.18.3.11", "2001:db8:0:0::11"));
            api.create("nodes", node("it-node2", "worker", "", "198.18.3.12", "198.18.3.112"));

            api.patch("kubecontrollersconfigurations", "default",
                    "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Enabled\"}}}}}");
            JsonNode hep1 = await(api, "it-node1-auto-hep", "created", h -> true);
            JsonNode hep2 = await(api, "it-node2-auto-hep", "created", h -> true);
            assertThat(labels(hep1)).isEqualTo(Map.of("kubernetes.io/hostname", "it-node1", "role", "worker",
                    CREATED_BY, KUBE_CONTROLLERS));
            assertThat(hep1.path("spec").path("node").asText()).isEqualTo("it-node1");
            assertThat(hep1.path("spec").path("interfaceName").asText()).isEqualTo("*");
            assertThat(texts(hep1.path("spec").path("expectedIPs")))
                    .as("BGP address without its prefix first, then the InternalIPs (IPv6 in RFC 5952 form), no ExternalIP")
                    .containsExactly("198.18.3.11", "2001:db8::11");
            assertThat(texts(hep1.path("spec").path("profiles"))).containsExactly("projectcalico-default-allow");
            assertThat(texts(hep2.path("spec").path("expectedIPs"))).containsExactly("198.18.3.12", "198.18.3.112");
            assertThat(api.list("hostendpoints", CREATED_BY + " == '" + KUBE_CONTROLLERS + "'")).hasSize(2);

            api.patch("nodes", "it-node1", "{\"metadata\": {\"labels\": {\"role\": \"master\"}}}");
            await(api, "it-node1-auto-hep", "relabelled", h -> "master".equals(labels(h).get("role")));

            api.delete("nodes", "it-node2");
            awaitGone(api, "it-node2-auto-hep");

            api.patch("kubecontrollersconfigurations", "default",
                    "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Disabled\"}}}}}");
            awaitGone(api, "it-node1-auto-hep");
            assertThat(api.list("hostendpoints", CREATED_BY + " == '" + KUBE_CONTROLLERS + "'")).isEmpty();
            JsonNode userHep = api.get("hostendpoints", "it-node1-eth0").orElseThrow();
            assertThat(userHep.path("metadata").path("resourceVersion").asText())
                    .as("the user's host endpoint was never written").isEqualTo(userHepVersion);
            assertThat(labels(userHep)).isEqualTo(Map.of("made-by", "user"));
        } finally {
            started.reversed().forEach(ServerProcess::stop);
        }
        assertThat(started).noneMatch(ServerProcess::isAlive);
    }

    /** The packaged application's jar that failsafe names in {@code property}. */
    private static String packagedApp(String property) {
        String jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run this test through failsafe (./mvnw -pl hep-controller -am verify)");
        }
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(property + "=" + jar + " does not exist: package the module first");
        }
        return jar;
    }

    private static String node(String name, String role, String bgp, String ipv4, String second) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Node
                metadata:
                  name: %1$s
                  labels: {kubernetes.io/hostname: %1$s, role: %2$s}
                spec:
                  %3$s
                  addresses:
                  - {address: "%4$s", type: InternalIP}
                  - {address: "%5$s", type: InternalIP}
                  - {address: "198.18.200.1", type: ExternalIP}
                """.formatted(name, role, bgp, ipv4, second);
    }

    private static JsonNode await(IngestClient api, String name, String what,
                                  Predicate<JsonNode> condition) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        Eventually.await(CONVERGE, name + " " + what, () -> {
            Optional<JsonNode> hep = api.get("hostendpoints", name);
            hep.ifPresent(h -> found[0] = h);
            return hep.filter(condition).isPresent();
        });
        return found[0];
    }

    private static void awaitGone(IngestClient api, String name) throws InterruptedException {
        Eventually.await(CONVERGE, name + " deleted", () -> api.get("hostendpoints", name).isEmpty());
    }

    private static Map<String, String> labels(JsonNode resource) {
        Map<String, String> labels = new HashMap<>();
        resource.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
