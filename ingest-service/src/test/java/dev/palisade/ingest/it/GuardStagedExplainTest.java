package dev.palisade.ingest.it;

import dev.palisade.cli.PalisadeCli;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.palisade.ingest.it.ApiTest.BASE;
import static dev.palisade.ingest.it.ApiTest.editor;
import static dev.palisade.ingest.it.ApiTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 19 through the real service (etcd, Kafka, PostgreSQL): a write that would cut a protected flow is
 * refused over REST, the CLI and the event intake, and goes through when forced, audited; a staged policy
 * changes no enforced policy until promoted, and its preview names the flows it flips; {@code explain}
 * answers what {@code simulate} answers on the exported resources. Its guard selects only its own host
 * endpoint and is deleted afterwards, so the other tests' writes never meet it.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class GuardStagedExplainTest {

    private static final String PALISADE = "/apis/palisade.dev/v1";

    private static final String HOST = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: guard-node}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.40.1/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: guard-node-eth0, labels: {guard-it: host}}
            spec: {node: guard-node, interfaceName: eth0, expectedIPs: [198.18.40.1]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: guard-allow}
            spec:
              selector: guard-it == 'host'
              order: 1000
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            ---
            apiVersion: palisade.dev/v1
            kind: LockoutGuard
            metadata: {name: guard-it}
            spec:
              protectedFlows:
              - name: bastion-admin
                protocol: TCP
                source: {nets: [198.19.15.254/32]}
                destination: {selector: guard-it == 'host', ports: [2222]}
            """;

    private static final String LOCK_DOWN = """
            apiVersion: projectcalico.org/v3
            kind: %s
            metadata: {name: %s}
            spec:
              selector: guard-it == 'host'
              order: 10
              types: [Ingress]
              ingress: [{action: Deny, protocol: TCP, destination: {ports: [2222, 8080]}}]
            """;

    private static final String PACKET = "src=198.19.15.254,dst=198.18.40.1,proto=TCP,srcPort=40000,dstPort=2222";

    @TestHTTPResource("/")
    URL server;

    @AfterEach
    void removeTheGuard() {
        editor().delete(PALISADE + "/lockoutguards/guard-it");
    }

    @Test
    void aProtectedFlowSurvivesUntilForcedThenStagedPreviewPromoteAndExplain(@TempDir Path dir) throws Exception {
        assertThat(palisade("apply", "-f", write(dir, "host.yaml", HOST)).code()).isZero();
        viewer().get(PALISADE + "/lockoutguards/guard-it").then().statusCode(200)
                .body("apiVersion", equalTo("palisade.dev/v1"));
        viewer().get(BASE + "/lockoutguards/guard-it").then().statusCode(404);

        // REST: 409 naming the flow, the host endpoint and the deciding rule
        editor().contentType("application/yaml").body(LOCK_DOWN.formatted("GlobalNetworkPolicy", "guard-deny"))
                .post(BASE + "/globalnetworkpolicies").then().statusCode(409)
                .body("reason", equalTo("LockedOut"))
                .body("details.causes[0].field", equalTo("protectedFlows[guard-it/bastion-admin]"))
                .body("details.causes[0].message", containsString("host endpoint guard-node-eth0"))
                .body("details.causes[0].message", containsString("GlobalNetworkPolicy guard-deny (tier default) ingress rule 0: Deny"));
        viewer().get(BASE + "/globalnetworkpolicies/guard-deny").then().statusCode(404);

        // the event intake: the same refusal, as the dead-letter reason
        String event = """
                {"specversion":"1.0","id":"guard-1","source":"/tests/guard","type":"palisade.resource.applied",
                 "datacontenttype":"application/json","data":%s}
                """.formatted(new dev.palisade.model.codec.ResourceCodec().toJson(new dev.palisade.model.codec.ResourceCodec()
                .decodeSingle(LOCK_DOWN.formatted("GlobalNetworkPolicy", "guard-deny-event"))));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>("palisade.ingest", "guard-1",
                    event.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil("palisade.ingest.dlq",
                rs -> rs.stream().anyMatch(r -> "guard-1".equals(r.key())), Duration.ofSeconds(60));
        assertThat(dead.stream().filter(r -> "guard-1".equals(r.key())).findFirst().orElseThrow())
                .satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason"))
                        .contains("lockout guard", "guard-it/bastion-admin", "guard-deny-event"));

        // staged: stored, enforces nothing, previewed, refused on promotion, then forced
        String staged = write(dir, "staged.yaml", LOCK_DOWN.formatted("StagedGlobalNetworkPolicy", "guard-deny"));
        assertThat(palisade("apply", "-f", staged).code()).isZero();
        assertThat(palisade("get", "sgnp", "guard-deny").out()).contains("guard-deny", "Set");
        viewer().get(BASE + "/globalnetworkpolicies/guard-deny").then().statusCode(404);
        assertThat(palisade("explain", "--node", "guard-node", "--packet", PACKET).out()).contains("ALLOW");

        String flows = write(dir, "flows.txt", "node=guard-node,in=eth0,out=local,src=198.18.41.7,dst=198.18.40.1,"
                + "proto=TCP,srcPort=40001,dstPort=8080\n"
                + "node=guard-node,in=eth0,out=local,src=198.18.41.7,dst=198.18.40.1,proto=TCP,srcPort=40001,dstPort=443\n");
        Run preview = palisade("preview", "sgnp", "guard-deny", "--flows", flows);
        assertThat(preview.code()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("StagedGlobalNetworkPolicy/guard-deny", "guard-node-eth0",
                "guard-it/bastion-admin", "flows[0]", "allow", "deny").doesNotContain("flows[1]");
        viewer().contentType("application/json").body("{\"staged\":[{\"kind\":\"sgnp\",\"name\":\"guard-deny\"}]}")
                .post(PALISADE + "/preview").then().statusCode(200)
                .body("selections[0].added[0]", equalTo("guard-node-eth0"))
                .body("changes[0].flow", equalTo("guard-it/bastion-admin"))
                .body("changes[0].decidedAfter.decision.name", equalTo("guard-deny"));

        Run refused = palisade("promote", "sgnp", "guard-deny");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("would lock hosts out", "guard-it/bastion-admin");
        viewer().get(BASE + "/stagedglobalnetworkpolicies/guard-deny").then().statusCode(200);

        Run forced = palisade("promote", "sgnp", "guard-deny", "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        viewer().get(BASE + "/globalnetworkpolicies/guard-deny").then().statusCode(200);
        viewer().get(BASE + "/stagedglobalnetworkpolicies/guard-deny").then().statusCode(404);
        viewer().queryParam("kind", "GlobalNetworkPolicy").queryParam("name", "guard-deny").get("/audit")
                .then().statusCode(200)
                .body("items[0].actor", equalTo("alice"))
                .body("items[0].forced", equalTo(true))
                .body("items[0].cutFlows[0]", containsString("guard-it/bastion-admin"));

        // explain, at the revision the node reports, matches simulate on the exported resources
        long revision = viewer().get(BASE + "/globalnetworkpolicies").then().extract().jsonPath()
                .getLong("metadata.resourceVersion");
        report("guard-node", revision);
        Run explained = palisade("explain", "--node", "guard-node", "--packet", PACKET);
        assertThat(explained.code()).as(explained.err()).isZero();
        assertThat(explained.out()).startsWith("node guard-node: enforces revision " + revision
                + "; simulated on the resources at that revision\n").contains("DENY");
        StringBuilder export = new StringBuilder();
        for (String kind : List.of("node", "hep", "gnp", "gns", "felixconfig", "tier")) {
            export.append(palisade("get", kind, "-o", "yaml").out()).append("\n---\n");
        }
        Run simulated = palisade("simulate", "-f", write(dir, "export.yaml", export.toString()), "--packet",
                "node=guard-node,in=eth0,out=local," + PACKET, "-o", "human");
        assertThat(simulated.code()).as(simulated.out() + simulated.err()).isZero();
        assertThat(explained.out()).endsWith(simulated.out());

        editor().queryParam("force", "true").delete(BASE + "/globalnetworkpolicies/guard-deny").then().statusCode(200);
    }

    private void report(String node, long revision) throws Exception {
        DataplaneStatus status = new DataplaneStatus(node, revision, revision, System.currentTimeMillis(), 1, 1, 0, 0,
                0, 0, 0, null, List.of(), 0);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("palisade.status", node, new DataplaneCodec().encodeStatus(status))).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!viewer().get("/status/nodes").asString().contains("\"enforcedRevision\":" + revision)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run palisade(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        if (!"simulate".equals(args[0])) {
            all.add("--server=" + server);
            all.add("--token=editor-token");
        }
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static String write(Path dir, String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }
}
