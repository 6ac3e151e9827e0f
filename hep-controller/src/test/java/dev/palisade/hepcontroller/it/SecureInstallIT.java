package dev.palisade.hepcontroller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.IngestClient;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import dev.palisade.testkit.ServiceAcls;
import dev.palisade.testkit.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * hep-controller in an install secured as docs/operations.md says: etcd serves only mutual TLS, the broker only
 * SASL/SCRAM with least-privilege ACLs, ingest-service only HTTPS. The packaged controller, given its etcd
 * certificate ({@code palisade.hep-controller.etcd-tls.*}), its Kafka login ({@code kafka.*}) and a trust store
 * with the API's CA, wins the election, reads the resource topic and creates a Node's auto host endpoint through
 * the API. Any of the three left unconfigured and it could not.
 */
@ExtendWith(PostgresExtension.class)
class SecureInstallIT {

    private static final Path TEST_RESOURCES = Path.of("src/test/resources").toAbsolutePath();

    @Test
    void theControllerWorksOverTlsAndSasl(Postgres postgres) throws Exception {
        TestPki pki = TestPki.create("palisade");
        HttpClient https = HttpClient.newBuilder().sslContext(pki.trustingCa())
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ServerProcess> started = new ArrayList<>();
        try (Etcd etcd = Etcd.startWithTls(pki);
             KafkaBroker kafka = KafkaBroker.startWithScramOverTls(Map.of("ingest", "ingest-secret",
                     "hep-controller", "controller-secret"), pki)) {
            try (Admin admin = Admin.create(kafka.adminConfig())) {
                admin.createTopics(List.of(new NewTopic("palisade.ingest", 1, (short) 1),
                        new NewTopic("palisade.status", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            ServiceAcls.ingest(kafka, "ingest");
            ServiceAcls.hepController(kafka, "hep-controller");
            int ingestPort = Ports.freeLoopbackPort();
            int controllerPort = Ports.freeLoopbackPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

            List<String> ingest = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.ssl.certificate.files=" + pki.serverCert(),
                    "-Dquarkus.http.ssl.certificate.key-files=" + pki.serverKey(),
                    "-Dquarkus.http.ssl-port=" + ingestPort, "-Dquarkus.http.insecure-requests=disabled",
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.username=" + postgres.user(),
                    "-Dquarkus.datasource.password=" + postgres.password(),
                    "-Dpalisade.ingest.auth.tokens-file=" + TEST_RESOURCES.resolve("ingest-tokens"),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dpalisade.ingest.etcd.tls.ca-file=" + pki.caCert(),
                    "-Dpalisade.ingest.etcd.tls.cert-file=" + pki.clientCert(),
                    "-Dpalisade.ingest.etcd.tls.key-file=" + pki.clientKey()));
            ingest.addAll(kafkaLogin(kafka, "ingest"));
            ingest.addAll(List.of("-jar", packagedApp("palisade.ingest.app")));
            started.add(ServerProcess.start("ingest", ingest));

            Path trustStore = pki.pkcs12TrustStore("test-only");
            List<String> controller = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                    "-Djavax.net.ssl.trustStorePassword=test-only",
                    "-Dpalisade.hep-controller.ingest-url=https://127.0.0.1:" + ingestPort,
                    "-Dpalisade.hep-controller.token-file=" + TEST_RESOURCES.resolve("test-editor.token"),
                    "-Detcd.endpoints=" + etcd.endpoint(),
                    "-Dpalisade.hep-controller.etcd-tls.ca-file=" + pki.caCert(),
                    "-Dpalisade.hep-controller.etcd-tls.cert-file=" + pki.clientCert(),
                    "-Dpalisade.hep-controller.etcd-tls.key-file=" + pki.clientKey(),
                    "-Dquarkus.http.port=" + controllerPort));
            controller.addAll(kafkaLogin(kafka, "hep-controller"));
            controller.addAll(List.of("-jar", packagedApp("palisade.hep-controller.app")));

            URI api = URI.create("https://127.0.0.1:" + ingestPort);
            started.get(0).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready over HTTPS",
                    () -> status(https, api.resolve("/q/health/ready")) == 200);
            started.add(ServerProcess.start("hep-controller", controller));
            started.get(1).awaitReady(Duration.ofSeconds(120), "a ready /q/health/ready",
                    () -> status(http, URI.create("http://127.0.0.1:" + controllerPort + "/q/health/ready")) == 200);

            IngestClient client = new IngestClient(api, "test-user-token", https);
            client.create("nodes", """
                    apiVersion: projectcalico.org/v3
                    kind: Node
                    metadata: {name: secure-node1, labels: {role: worker}}
                    spec:
                      addresses:
                      - {address: "198.18.4.11", type: InternalIP}
                    """);
            client.patch("kubecontrollersconfigurations", "default",
                    "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Enabled\"}}}}}");
            Eventually.await(Duration.ofSeconds(60), "secure-node1-auto-hep created by the controller",
                    () -> client.get("hostendpoints", "secure-node1-auto-hep").isPresent());
            assertThat(client.get("hostendpoints", "secure-node1-auto-hep").orElseThrow()
                    .path("metadata").path("labels").path("projectcalico.org/created-by").asText())
                    .isEqualTo("calico-kube-controllers");
        } finally {
            started.reversed().forEach(ServerProcess::stop);
        }
        assertThat(started).noneMatch(ServerProcess::isAlive);
    }

    /** The service's {@code kafka.*} settings for a SCRAM login, as system properties. */
    private static List<String> kafkaLogin(KafkaBroker kafka, String user) {
        return kafka.clientConfig(user).entrySet().stream().map(e -> "-Dkafka." + e.getKey() + "=" + e.getValue())
                .toList();
    }

    private static String packagedApp(String property) {
        String jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run this test through failsafe (./mvnw -pl hep-controller -am verify)");
        }
        return jar;
    }

    private static int status(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
