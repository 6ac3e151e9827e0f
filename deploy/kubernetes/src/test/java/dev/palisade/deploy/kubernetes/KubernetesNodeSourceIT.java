package dev.palisade.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.IngestClient;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hep-controller with its Kubernetes node source on, against the packaged ingest-service on
 * real etcd, Kafka and PostgreSQL. The API server is fabric8's kubernetes-server-mock in CRUD mode, a
 * stand-in: no real Kubernetes API server runs on these machines, so what is proven here is the client side
 * (informer list/watch/relist, the mapping, the writes), not a real server's behaviour. Nodes are added,
 * relabelled, readdressed and deleted through the mock, one watch expires (410 Gone) while nodes change, and
 * the auto host endpoints are checked through ingest's API as a user would.
 */
@ExtendWith({KafkaBrokerExtension.class, EtcdExtension.class, PostgresExtension.class})
class KubernetesNodeSourceIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @Test
    void autoHostEndpointsFollowKubernetesNodes(KafkaBroker kafka, Etcd etcd, Postgres postgres, @TempDir Path tmp)
            throws Exception {
        ExpiringWatchDispatcher dispatcher = new ExpiringWatchDispatcher("it-token");
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        List<ServerProcess> started = new ArrayList<>();
        try (KubernetesClient k8s = server.createClient()) {
            k8s.nodes().resource(node("k8s-a", Map.of("role", "worker"), "198.18.4.11")).create();
            k8s.nodes().resource(node("k8s-b", Map.of("role", "worker"), "198.18.4.12")).create();

            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: it, user: {token: it-token}}]
                    contexts: [{name: it, context: {cluster: mock, user: it}}]
                    current-context: it
                    """.formatted(server.getPort()));
            int ingestPort = freePort();
            int controllerPort = freePort();
            Path resources = Path.of(System.getProperty("palisade.test-resources"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            started.add(ServerProcess.start("ingest", List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.username=" + postgres.user(),
                    "-Dquarkus.datasource.password=" + postgres.password(),
                    "-Dpalisade.ingest.auth.tokens-file=" + resources.resolve("ingest-tokens"),
                    "-Dquarkus.http.port=" + ingestPort,
                    "-jar", packagedApp("palisade.ingest.app"))));
            started.add(ServerProcess.start("hep-controller", List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dpalisade.hep-controller.ingest-url=http://127.0.0.1:" + ingestPort,
                    "-Dpalisade.hep-controller.token-file=" + resources.resolve("test-editor.token"),
                    "-Dpalisade.hep-controller.election-name=palisade/k8s-it/" + System.nanoTime(),
                    "-Dpalisade.hep-controller.kubernetes.config=" + kubeconfig,
                    "-Dquarkus.http.port=" + controllerPort,
                    "-jar", packagedApp("palisade.hep-controller.app"))));
            started.get(0).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready",
                    () -> status(ingestPort, "/q/health/ready") == 200);
            started.get(1).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready",
                    () -> status(controllerPort, "/q/health/ready") == 200);

            IngestClient api = new IngestClient(URI.create("http://127.0.0.1:" + ingestPort), "test-user-token");
            // a host outside the cluster, announced through the API: the node source must leave it alone
            api.create("nodes", """
                    apiVersion: projectcalico.org/v3
                    kind: Node
                    metadata: {name: vm-1, labels: {role: vm}}
                    spec: {addresses: [{address: 198.18.4.99, type: InternalIP}]}
                    """);
            api.patch("kubecontrollersconfigurations", "default",
                    "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Enabled\"}}}}}");

            // listed at start
            JsonNode heaA = await(api, "k8s-a-auto-hep", "created", h -> true);
            assertThat(labels(heaA)).containsEntry("role", "worker").containsEntry("kubernetes.io/hostname", "k8s-a");
            assertThat(texts(heaA.path("spec").path("expectedIPs"))).containsExactly("198.18.4.11");
            await(api, "k8s-b-auto-hep", "created", h -> true);
            JsonNode nodeA = api.get("nodes", "k8s-a").orElseThrow();
            assertThat(nodeA.path("metadata").path("annotations").path("palisade.dev/node-source").asText())
                    .isEqualTo("kubernetes");
            assertThat(nodeA.path("spec").path("addresses").toString())
                    .as("InternalIP and ExternalIP kept, the Hostname entry is no IP")
                    .isEqualTo("[{\"address\":\"198.18.4.11\",\"type\":\"InternalIP\"},"
                            + "{\"address\":\"198.18.200.11\",\"type\":\"ExternalIP\"}]");

            // added through the watch
            k8s.nodes().resource(node("k8s-c", Map.of("role", "edge"), "198.18.4.13")).create();
            await(api, "k8s-c-auto-hep", "created", h -> "edge".equals(labels(h).get("role")));

            // relabelled
            k8s.nodes().withName("k8s-a").edit(n -> new NodeBuilder(n).editMetadata()
                    .addToLabels("role", "master").endMetadata().build());
            await(api, "k8s-a-auto-hep", "relabelled", h -> "master".equals(labels(h).get("role")));

            // readdressed
            k8s.nodes().withName("k8s-b").edit(n -> new NodeBuilder(n).editStatus()
                    .withAddresses(new NodeAddress("198.18.4.112", "InternalIP")).endStatus().build());
            await(api, "k8s-b-auto-hep", "readdressed",
                    h -> texts(h.path("spec").path("expectedIPs")).equals(List.of("198.18.4.112")));

            // a status-only change (a kubelet heartbeat) writes nothing: ordered before a change to another
            // node, so once that one has arrived, the heartbeat has been handled too
            String versionA = api.get("nodes", "k8s-a").orElseThrow().path("metadata").path("resourceVersion").asText();
            k8s.nodes().withName("k8s-a").edit(n -> new NodeBuilder(n).editStatus().withConditions(
                    new NodeConditionBuilder().withType("Ready").withStatus("True")
                            .withLastHeartbeatTime(Instant.now().toString()).build()).endStatus().build());
            k8s.nodes().withName("k8s-c").edit(n -> new NodeBuilder(n).editMetadata()
                    .addToLabels("zone", "z1").endMetadata().build());
            await(api, "k8s-c-auto-hep", "relabelled", h -> "z1".equals(labels(h).get("zone")));
            assertThat(api.get("nodes", "k8s-a").orElseThrow().path("metadata").path("resourceVersion").asText())
                    .as("the heartbeat did not rewrite Node k8s-a").isEqualTo(versionA);

            // deleted
            k8s.nodes().withName("k8s-c").delete();
            awaitGone(api, "k8s-c-auto-hep");
            assertThat(api.get("nodes", "k8s-c")).isEmpty();

            // the watch expires; while the controller cannot watch, k8s-b goes and k8s-a is relabelled:
            // only a relist can tell it
            int listsBefore = dispatcher.nodeLists();
            dispatcher.expire();
            Eventually.await(CONVERGE, "a watch answered 410 Gone", () -> dispatcher.goneServed() > 0);
            k8s.nodes().withName("k8s-b").delete();
            k8s.nodes().withName("k8s-a").edit(n -> new NodeBuilder(n).editMetadata()
                    .addToLabels("role", "control-plane").endMetadata().build());
            dispatcher.resume();
            awaitGone(api, "k8s-b-auto-hep");
            await(api, "k8s-a-auto-hep", "relabelled after the relist",
                    h -> "control-plane".equals(labels(h).get("role")));
            assertThat(dispatcher.nodeLists()).as("nodes listed again after the 410").isGreaterThan(listsBefore);

            assertThat(api.get("nodes", "vm-1")).as("the node from outside the cluster stays").isPresent();
            await(api, "vm-1-auto-hep", "kept", h -> "vm".equals(labels(h).get("role")));
            // sizing input for the manifests' requests/limits (docs/kubernetes.md)
            System.out.printf("RSS after the scenario: ingest-service %d MiB (-Xmx256m), hep-controller %d MiB (-Xmx128m)%n",
                    rssMiB(started.get(0).pid()), rssMiB(started.get(1).pid()));
        } finally {
            started.reversed().forEach(ServerProcess::stop);
            server.destroy();
        }
        assertThat(started).noneMatch(ServerProcess::isAlive);
    }

    private static Node node(String name, Map<String, String> labels, String internalIp) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("kubernetes.io/hostname", name);
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(all).endMetadata()
                .withNewStatus().withAddresses(new NodeAddress(internalIp, "InternalIP"),
                        new NodeAddress("198.18.200." + internalIp.substring(internalIp.lastIndexOf('.') + 1),
                                "ExternalIP"),
                        new NodeAddress(name, "Hostname")).endStatus().build();
    }

    /** The packaged application's jar that failsafe names in {@code property}. */
    private static String packagedApp(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(property + "=" + jar
                    + " is not a packaged application: run through failsafe (./mvnw -pl deploy/kubernetes -am verify)");
        }
        return jar;
    }

    private static JsonNode await(IngestClient api, String name, String what, Predicate<JsonNode> condition)
            throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        Eventually.await(CONVERGE, name + " " + what, () -> {
            var hep = api.get("hostendpoints", name);
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

    private static long rssMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow() / 1024;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
