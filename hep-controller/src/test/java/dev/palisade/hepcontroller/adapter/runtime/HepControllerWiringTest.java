package dev.palisade.hepcontroller.adapter.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.testkit.Eventually;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The whole application against a real Kafka broker and a real etcd: it waits (not ready, counting failed
 * attempts) until the topic is created, reads it to the end, wins the election, reports both in health and
 * metrics, and acts on node events; ingest-service is not running here, so the writes fail, are counted, and
 * the loop survives them.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class HepControllerWiringTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")
                        || name.endsWith("}") && l.startsWith(name.substring(0, name.length() - 1) + ","))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void becomesReadyAndLeaderThenActsOnNodeEventsAndSurvivesAnUnreachableApi() throws Exception {
        // the application started before the topic existed: it waits for ingest-service to create it, compacted
        Eventually.await(Duration.ofSeconds(30), "failed attempts on the missing topic are counted",
                () -> metric(metrics(), "palisade_hepcontroller_read_failures_total") > 0);
        given().get("/q/health/ready").then().statusCode(503);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("palisade.resources");
            admin.createTopics(List.of(new NewTopic("palisade.resources", 3, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        }
        Eventually.await(Duration.ofSeconds(60), "ready and leader", () -> {
            var r = given().get("/q/health/ready");
            return r.statusCode() == 200 && r.jsonPath().getBoolean("checks[0].data.leader");
        });
        String before = metrics();
        assertThat(metric(before, "palisade_hepcontroller_leader")).isEqualTo(1.0);
        assertThat(metric(before, "palisade_hepcontroller_in_sync")).isEqualTo(1.0);
        assertThat(metric(before, "palisade_hepcontroller_reconcile_failures_total{key=\"node\"}"))
                .as("no node event yet").isZero();

        ResourceCodec codec = new ResourceCodec();
        Node node = new Node(new ObjectMeta("node1", null, Map.of("kubernetes-host", ""), Map.of(), "1", null, null),
                new NodeSpec(null, null, null, null, List.of(new NodeSpec.NodeAddress("198.18.2.11", "InternalIP")),
                        List.of()));
        var hep = new KubeControllersConfigurationSpec.HostEndpointController("Enabled", null, List.of());
        var controllers = new KubeControllersConfigurationSpec.Controllers(
                new KubeControllersConfigurationSpec.NodeController(null, null, hep, null), null, null, null, null,
                null, null);
        KubeControllersConfiguration kcc = new KubeControllersConfiguration(ObjectMeta.named("default"),
                new KubeControllersConfigurationSpec(null, null, null, null, null, controllers), null);
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            for (Resource r : List.of(kcc, node)) {
                ObjectNode json = codec.jsonMapper().createObjectNode();
                json.put("schema", 1).put("revision", 1).put("key", r.key().toString()).put("type", "upsert")
                        .put("resync", false).set("resource", codec.tree(r));
                producer.send(new ProducerRecord<>("palisade.resources", r.key().toString(),
                        json.toString().getBytes())).get();
            }
        }

        Eventually.await(Duration.ofSeconds(30), "node1's reconcile was attempted and failed on the unreachable API",
                () -> metric(metrics(), "palisade_hepcontroller_reconcile_failures_total{key=\"node\"}") > 0);
        given().get("/q/health/live").then().statusCode(200);
    }
}
