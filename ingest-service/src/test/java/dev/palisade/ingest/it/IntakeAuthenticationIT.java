package dev.palisade.ingest.it;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import dev.palisade.testkit.ServiceAcls;
import dev.palisade.testkit.TestPki;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The CloudEvent intake on a broker set up as docs/operations.md says (SASL_SSL listener only, SCRAM, an authorizer
 * that denies what no ACL allows, least-privilege ACLs): the service trusts the broker's CA from a PEM file and
 * authenticates as {@code ingest}; a producer with a Write ACL on the intake topic gets its event applied; an
 * authenticated principal without one, a client with a wrong password, and a client that does not trust the
 * broker's CA cannot place an event on the topic, so it never reaches etcd.
 */
@ExtendWith({EtcdExtension.class, PostgresExtension.class})
class IntakeAuthenticationIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String INTAKE = "palisade.ingest";
    private static final String STATUS = "palisade.status";

    @Test
    void onlyAnAuthorisedProducerGetsAResourceIntoEtcd(Etcd etcd, Postgres postgres) throws Exception {
        TestPki pki = TestPki.create("palisade");
        try (KafkaBroker kafka = KafkaBroker.startWithScramOverTls(Map.of(
                "ingest", "ingest-secret", "sensor", "sensor-secret", "intruder", "intruder-secret"), pki)) {
            try (Admin admin = Admin.create(kafka.adminConfig())) {
                admin.createTopics(List.of(new NewTopic(INTAKE, 1, (short) 1), new NewTopic(STATUS, 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            ServiceAcls.ingest(kafka, "ingest");
            ServiceAcls.intakeProducer(kafka, "sensor");
            int httpPort = Ports.freeLoopbackPort();
            Map<String, String> settings = IngestProcess.settings(kafka.bootstrapServers(), etcd, postgres, httpPort);
            // among them kafka.ssl.truststore.type=PEM and kafka.ssl.truststore.location=<the CA's PEM file>
            kafka.clientConfig("ingest").forEach((key, value) -> settings.put("kafka." + key, value.toString()));
            assertThat(settings).containsEntry("kafka.security.protocol", "SASL_SSL")
                    .containsEntry("kafka.ssl.truststore.location", pki.caCert().toString());
            URI base = URI.create("http://127.0.0.1:" + httpPort);
            ServerProcess ingest = IngestProcess.start("ingest-sasl", settings, HTTP, base);
            try {
                Throwable refused = catchThrowable(() -> send(producer(kafka.clientConfig("intruder")), "intruder"));
                assertThat(causes(refused)).as("the intruder's send: %s", refused)
                        .anyMatch(TopicAuthorizationException.class::isInstance);
                Map<String, Object> wrongPassword = new HashMap<>(kafka.clientConfig("sensor"));
                wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"sensor\" password=\"not-the-secret\";");
                Throwable unauthenticated = catchThrowable(() -> send(producer(wrongPassword), "stranger"));
                assertThat(causes(unauthenticated)).as("a wrong password's send: %s", unauthenticated)
                        .anyMatch(SaslAuthenticationException.class::isInstance);
                // the right login, but the JDK's default trust store, which does not hold the test CA
                Map<String, Object> untrusting = new HashMap<>(kafka.clientConfig("sensor"));
                untrusting.remove("ssl.truststore.type");
                untrusting.remove("ssl.truststore.location");
                Throwable handshake = catchThrowable(() -> send(producer(untrusting), "untrusting"));
                assertThat(causes(handshake)).as("a send from a client that does not trust the CA: %s", handshake)
                        .anyMatch(SslAuthenticationException.class::isInstance);

                send(producer(kafka.clientConfig("sensor")), "sensor");
                Eventually.await(Duration.ofSeconds(60), "the authorised producer's node in the API",
                        () -> status(base, "authz-sensor") == 200);
                var published = TopicReader.readUntil(kafka.adminConfig(), "palisade.resources",
                        rs -> rs.stream().anyMatch(r -> "Node/_/authz-sensor".equals(r.key())), Duration.ofSeconds(60));
                assertThat(published).as("ingest publishes under its ACLs")
                        .anyMatch(r -> "Node/_/authz-sensor".equals(r.key()));

                var intake = TopicReader.readUntil(kafka.adminConfig(), INTAKE,
                        rs -> rs.stream().anyMatch(r -> "sensor".equals(r.key())), Duration.ofSeconds(30));
                assertThat(intake).extracting(r -> r.key()).containsExactly("sensor");
                assertThat(status(base, "authz-intruder")).isEqualTo(404);
                assertThat(status(base, "authz-stranger")).isEqualTo(404);
                assertThat(status(base, "authz-untrusting")).isEqualTo(404);
            } finally {
                ingest.stop();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A node-added CloudEvent (binary mode) for node {@code authz-<who>}, keyed {@code who}. */
    private static void send(KafkaProducer<String, byte[]> producer, String who) throws Exception {
        try (producer) {
            var record = new ProducerRecord<String, byte[]>(INTAKE, who, bytes("""
                    {"name":"authz-%s","labels":{"by":"%s"},"addresses":["198.18.7.1"]}""".formatted(who, who)));
            record.headers().add("ce_specversion", bytes("1.0"));
            record.headers().add("ce_id", bytes("authz-" + who));
            record.headers().add("ce_source", bytes("/tests/" + who));
            record.headers().add("ce_type", bytes("io.k8s.node.added"));
            record.headers().add("content-type", bytes("application/json"));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static int status(URI base, String node) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/apis/projectcalico.org/v3/nodes/" + node))
                    .header("Authorization", "Bearer viewer-token").build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, Throwable::getCause);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
