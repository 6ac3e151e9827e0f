package dev.palisade.ingest.it;

import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.palisade.ingest.it.ApiTest.editor;
import static dev.palisade.ingest.it.ApiTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Driver reports on the real {@code palisade.status} topic end up in PostgreSQL and on {@code GET /status/nodes}. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class NodeStatusTest {

    private static final DataplaneCodec CODEC = new DataplaneCodec();
    private static final long T0 = 1_790_000_000_000L;

    @Test
    void theLatestReportOfEachNodeIsServedAndUnreadableOrOlderReportsChangeNothing() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, "status-a", CODEC.encodeStatus(report("status-a", 10, 10, T0, 7, null)));
            send(producer, "status-a", "{\"formatVersion\":1,\"node\":".getBytes(StandardCharsets.UTF_8));
            send(producer, "status-a", CODEC.encodeStatus(report("status-a", 12, 12, T0 + 2000, 9, null)));
            // a replayed older report (consumer restart) must not take the newer one's place
            send(producer, "status-a", CODEC.encodeStatus(report("status-a", 11, 11, T0 + 1000, 8, null)));
            send(producer, "status-b", CODEC.encodeStatus(report("status-b", 10, 12, T0 + 500, 31,
                    "nft: Error: Could not process rule")));
            send(producer, "status-c", CODEC.encodeStatus(report("status-c", 12, 12, T0 + 3000, 5, null)));
        }

        JsonPath nodes = awaitNode("status-c");
        assertThat(nodes.getList("items.node")).containsSubsequence("status-a", "status-b", "status-c");
        Map<String, Object> a = nodes.getMap("items.find { it.node == 'status-a' }");
        assertThat(a).containsEntry("enforcedRevision", 12).containsEntry("attemptedRevision", 12)
                .containsEntry("lastApply", "2026-09-21T14:13:22Z").containsEntry("applyMillis", 9)
                .containsEntry("rules", 40).containsEntry("sets", 3).containsEntry("setElements", 17)
                .containsEntry("lastError", null);
        Map<String, Object> b = nodes.getMap("items.find { it.node == 'status-b' }");
        assertThat(b).containsEntry("enforcedRevision", 10).containsEntry("attemptedRevision", 12)
                .containsEntry("lastError", "nft: Error: Could not process rule");

        viewer().accept("application/yaml").get("/status/nodes").then().statusCode(200)
                .body(containsString("node: status-b"));
        editor().get("/status/nodes").then().statusCode(200);
        RestAssured.get("/status/nodes").then().statusCode(401);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("palisade_status_reports_unreadable_total 1.0"))
                .body(containsString("palisade_status_reports_stored_total"));
    }

    @Test
    void enforcementLatencyRunsFromTheEtcdCommitOfARevisionToTheReportThatANodeEnforcesIt() throws Exception {
        long before = System.currentTimeMillis();
        long revision = Long.parseLong(editor().contentType("application/yaml").body(ApiTest.hep("sli-hep", ""))
                .post(ApiTest.BASE + "/hostendpoints").then().statusCode(201).extract().path("metadata.resourceVersion"));
        long after = System.currentTimeMillis();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            // enforced at least 3 s after the commit (the report's own timestamp counts, not when ingest reads it)
            send(producer, "sli-node", CODEC.encodeStatus(report("sli-node", revision, revision, after + 3000, 3, null)));
            // the same revision again (a drift repair) is not a second sample
            send(producer, "sli-node", CODEC.encodeStatus(report("sli-node", revision, revision, after + 9000, 3, null)));
            send(producer, "sli-late", CODEC.encodeStatus(report("sli-late", revision - 1, revision, after + 100, 3,
                    "nft: Error")));
        }
        awaitNode("sli-late");
        String metrics = awaitMetrics("palisade_node_healthy{node=\"sli-late\"}");
        assertThat(metrics)
                .contains("palisade_enforcement_latency_seconds_count{node=\"sli-node\"} 1.0")
                .contains("palisade_enforcement_latency_seconds_bucket{node=\"sli-node\",le=\"0.005\"} 0.0")
                .contains("palisade_enforcement_latency_seconds_bucket{node=\"sli-node\",le=\"60.0\"} 1.0")
                .contains("palisade_node_enforced_revision{node=\"sli-node\"} " + revision + ".0")
                .contains("palisade_node_healthy{node=\"sli-node\"} 1.0")
                .contains("palisade_node_healthy{node=\"sli-late\"} 0.0")
                .contains("palisade_node_revisions_behind{node=\"sli-late\"} 1.0")
                .contains("palisade_node_revisions_behind{node=\"sli-node\"} 0.0")
                .containsPattern("palisade_datastore_head_revision \\d+")
                .containsPattern("palisade_etcd_request_seconds_count\\{op=\"create\"} [1-9]");
        var sum = java.util.regex.Pattern.compile("palisade_enforcement_latency_seconds_sum\\{node=\"sli-node\"} (\\S+)")
                .matcher(metrics);
        assertThat(sum.find()).isTrue();
        // the commit happened while the POST ran, between before and after
        assertThat(Double.parseDouble(sum.group(1))).isBetween(3.0, 3.0 + (after - before) / 1000.0);
    }

    private static String awaitMetrics(String needle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String text = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            if (text.contains(needle) || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(200);
        }
    }

    private static DataplaneStatus report(String node, long enforced, long attempted, long at, long applyMillis,
                                          String error) {
        return new DataplaneStatus(node, enforced, attempted, at, applyMillis, 40, 3, 17, 4, error == null ? 0 : 1, 0,
                error, java.util.List.of(), 0);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>("palisade.status", key, value)).get();
    }

    private static JsonPath awaitNode(String node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath page = viewer().get("/status/nodes").then().statusCode(200).extract().jsonPath();
            if (page.getList("items.node").contains(node) || System.nanoTime() > deadline) {
                return page;
            }
            Thread.sleep(200);
        }
    }
}
