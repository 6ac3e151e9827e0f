package dev.palisade.calculator.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.testkit.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The packaged application's wiring against a real broker: it creates its topics, becomes ready once in sync,
 * publishes a new endpoint's node state to the node's partition of {@code palisade.dataplane}, and reports it
 * in its metrics.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class CalculatorServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "palisade.calculator.dataplane-partitions")
    int partitions;

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double metric(String text, String line) {
        return text.lines().filter(l -> l.startsWith(line + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void readyWhenInSyncThenPublishesANewEndpointsNodeAndCountsIt() throws Exception {
        TestTopics.await(WAIT, "ready", () -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(metric(metrics(), "palisade_calc_in_sync")).isEqualTo(1.0);

        TestTopics topics = new TestTopics(bootstrap);
        topics.upsert("palisade.resources", 41, CalculatorLoopTest.APP_TO_DB);
        topics.upsert("palisade.resources", 42, CalculatorLoopTest.hep("web-1", "node-a", "db", "198.18.1.1"));
        TestTopics.await(WAIT, "node-a's barrier", () -> topics.readAll("palisade.dataplane").stream()
                .anyMatch(r -> r.key().equals("node/node-a/barrier/batch")));

        List<ConsumerRecord<String, byte[]>> records = topics.readAll("palisade.dataplane");
        assertThat(records).allMatch(r -> r.partition() == DataplaneKey.parse(r.key()).partition(partitions));
        List<ConsumerRecord<String, byte[]>> nodeA = records.stream()
                .filter(r -> r.key().startsWith("node/node-a/")).toList();
        assertThat(nodeA.getLast().key()).isEqualTo("node/node-a/barrier/batch");
        assertThat(TestTopics.decode(nodeA.getLast())).isEqualTo(DataplaneMessage.set("node-a", BatchBarrier.forNode(42, 42)));
        assertThat(records).extracting(ConsumerRecord::key)
                .contains("node/node-a/endpoint/web-1", "shared/policy/gnp/app-to-db", "shared/barrier/batch");

        String text = metrics();
        assertThat(metric(text, "palisade_calc_active_endpoints")).isEqualTo(1.0);
        assertThat(metric(text, "palisade_calc_active_policies")).isEqualTo(1.0);
        assertThat(metric(text, "palisade_calc_node_messages_sum")).isEqualTo(records.size());
        assertThat(metric(text, "palisade_calc_graph_update_time_seconds_count{kind=\"HostEndpoint\"}"))
                .isEqualTo(1.0);
        assertThat(metric(text, "palisade_calc_resource_revision")).isEqualTo(42.0);
        // live flushes after sync: the two upserts went out in one or two flushes, within the test's lifetime
        assertThat(metric(text, "palisade_calc_resource_batch_sum")).isEqualTo(2.0);
        double flushes = metric(text, "palisade_calc_publish_lag_seconds_count");
        assertThat(flushes).isBetween(1.0, 2.0);
        assertThat(metric(text, "palisade_calc_publish_lag_seconds_sum")).isGreaterThan(0).isLessThan(WAIT.toSeconds() * flushes);
    }
}
