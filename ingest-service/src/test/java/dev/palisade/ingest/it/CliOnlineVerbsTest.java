package dev.palisade.ingest.it;

import dev.palisade.cli.PalisadeCli;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.RuleCounter;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's online verbs against this service with real etcd, Kafka and PostgreSQL: the seed policies of
 * tutorial 001 applied, listed, labelled, patched and deleted, with calicoctl's messages.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class CliOnlineVerbsTest {

    private static final Path SEEDS = Path.of("..", "examples", "seeds");

    @TestHTTPResource("/")
    URL server;

    private record Run(int code, String out, String err) {
    }

    private Run palisadeAs(String token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server=" + server);
        all.add("--token=" + token);
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run palisade(String... args) {
        return palisadeAs("editor-token", args);
    }

    @Test
    void seedPoliciesGoThroughApplyGetLabelPatchAndDelete(@TempDir Path dir) throws IOException {
        Path policies = dir.resolve("policies.yaml");
        Files.writeString(policies, Files.readString(SEEDS.resolve("001-gnp-ingress-k8s-masters.yaml")) + "\n---\n"
                + Files.readString(SEEDS.resolve("001-gnp-ingress-k8s-workers.yaml")));

        assertThat(palisade("apply", "-f", policies.toString()))
                .isEqualTo(new Run(0, "Successfully applied 2 'GlobalNetworkPolicy' resource(s)\n", ""));
        Run wide = palisade("get", "gnp", "-o", "wide");
        assertThat(wide.code()).isZero();
        assertThat(wide.out()).startsWith("NAME                  TIER      ORDER   SELECTOR\n")
                .contains("ingress-k8s-masters   default           has(node-role.kubernetes.io/master)\n")
                .contains("ingress-k8s-workers   default           has(kubernetes-worker)\n");

        assertThat(palisade("label", "gnp", "ingress-k8s-workers", "stage=prod")).isEqualTo(new Run(0,
                "Successfully set label stage on globalnetworkpolicies ingress-k8s-workers\n", ""));
        assertThat(palisade("get", "gnp", "ingress-k8s-workers", "-o", "yaml").out())
                .contains("  labels:\n    stage: prod\n");
        Run relabel = palisade("label", "gnp", "ingress-k8s-workers", "stage=dev");
        assertThat(relabel.code()).isEqualTo(1);
        assertThat(relabel.err()).contains("key stage is already present");

        assertThat(palisade("patch", "gnp", "ingress-k8s-masters", "-p", "{\"spec\":{\"order\":10}}"))
                .isEqualTo(new Run(0, "Successfully patched 1 'GlobalNetworkPolicy' resource\n", ""));
        assertThat(palisade("get", "gnp", "ingress-k8s-masters", "-o", "wide").out())
                .contains("ingress-k8s-masters   default   10      has(node-role.kubernetes.io/master)\n");

        Run again = palisade("create", "-f", policies.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("Failed to create 'GlobalNetworkPolicy' resource: [").contains("already exists");

        assertThat(palisade("delete", "gnp", "ingress-k8s-masters"))
                .isEqualTo(new Run(0, "Successfully deleted 1 'GlobalNetworkPolicy' resource(s)\n", ""));
        Run gone = palisade("get", "gnp", "ingress-k8s-masters");
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).startsWith("Failed to get resources: ").contains("ingress-k8s-masters");

        Run partial = palisade("create", "-f", policies.toString());
        assertThat(partial.code()).isEqualTo(1);
        assertThat(partial.err()).startsWith(
                "Partial success: created the first 1 out of 2 'GlobalNetworkPolicy' resources:\nHit error: ");
    }

    @Test
    void aViewerCanReadButNotWrite() {
        Run read = palisadeAs("viewer-token", "get", "profile", "projectcalico-default-allow");
        assertThat(read.code()).isZero();
        assertThat(read.out()).isEqualTo("NAME\nprojectcalico-default-allow\n");

        Run write = palisadeAs("viewer-token", "label", "felixconfig", "default", "a=b");
        assertThat(write.code()).isEqualTo(1);
        assertThat(write.err()).startsWith("Failed to update label: ").contains("(role viewer) may not write");
        Run delete = palisadeAs("viewer-token", "delete", "gnp", "ingress-k8s-workers");
        assertThat(delete.code()).isEqualTo(1);
        assertThat(delete.err()).startsWith("Failed to delete 'GlobalNetworkPolicy' resource: [");
    }

    @Test
    void getStatusShowsWhatTheDriversReported() throws Exception {
        DataplaneStatus report = new DataplaneStatus("cli-node", 17, 17, 1_790_000_000_000L, 6, 12, 2, 5, 3, 0, 0, null,
                List.of(new RuleCounter("default", "gnp/web", "ingress", 0, "Deny", 4, 240),
                        new RuleCounter("default", "gnp/web", "ingress", 1, "Allow", 12, 720),
                        new RuleCounter("default", "gnp/ssh", "ingress", 0, "Allow", 1, 60)), 1_790_000_005_000L);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("palisade.status", "cli-node", new DataplaneCodec().encodeStatus(report)))
                    .get();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        Run status = palisadeAs("viewer-token", "get", "status", "cli-node");
        while (status.code() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = palisadeAs("viewer-token", "get", "status", "cli-node");
        }
        assertThat(status.code()).isZero();
        var table = java.util.regex.Pattern.compile("""
                DATASTORE REVISION: (\\d+)
                NODE       ENFORCED REVISION   BEHIND +LAST APPLY             ERROR
                cli-node   17                  (\\d+) +2026-09-21T14:13:20Z
                """).matcher(status.out());
        assertThat(table.matches()).as(status.out()).isTrue();
        assertThat(Long.parseLong(table.group(2))).isEqualTo(Math.max(0, Long.parseLong(table.group(1)) - 17));
        assertThat(palisadeAs("viewer-token", "get", "status", "cli-node", "-o", "yaml").out())
                .contains("node: cli-node\n").contains("enforcedRevision: 17\n").contains("rules: 12\n");

        assertThat(palisadeAs("viewer-token", "get", "counters", "web", "--node", "cli-node")).isEqualTo(new Run(0, """
                NODE       TIER      POLICY    DIRECTION   RULE   ACTION   PACKETS   BYTES
                cli-node   default   gnp/web   ingress     0      Deny     4         240
                cli-node   default   gnp/web   ingress     1      Allow    12        720
                """, ""));
        assertThat(palisadeAs("viewer-token", "get", "counters", "gnp/ssh", "-o", "json").out())
                .contains("\"policy\" : \"gnp/ssh\"").contains("\"packets\" : 1").contains("\"node\" : \"cli-node\"")
                .contains("\"readAt\" : \"2026-09-21T14:13:25Z\"").doesNotContain("gnp/web");
    }

    @Test
    void applyWaitWaitsForTheNodesTheChangeReachesAndNamesThoseBehind(@TempDir Path dir) throws Exception {
        Path endpoints = dir.resolve("heps.yaml");
        Files.writeString(endpoints, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: wait-a-eth0, labels: {app: wait-web}}
                spec: {node: wait-a, interfaceName: eth0, expectedIPs: [198.18.50.1]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: wait-b-eth0, labels: {app: wait-other}}
                spec: {node: wait-b, interfaceName: eth0, expectedIPs: [198.18.50.2]}
                """);
        Path policy = dir.resolve("gnp.yaml");
        String gnp = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: wait-web}
                spec:
                  selector: app == 'wait-web'
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [%d]}}]
                """;
        try {
            assertThat(palisade("apply", "-f", endpoints.toString()).code()).isZero();
            Files.writeString(policy, gnp.formatted(80));

            // no driver of wait-a has reported: the wait times out naming it, and not wait-b, which it does not reach
            Run late = palisade("apply", "-f", policy.toString(), "--wait=2s");
            assertThat(late.code()).as(late.err()).isEqualTo(1);
            assertThat(late.out()).startsWith("Successfully applied 1 'GlobalNetworkPolicy' resource(s)\n");
            assertThat(late.err()).matches("(?s)Timed out after 2s waiting for revision \\d+ to be enforced; "
                    + "nodes behind: wait-a \\(never reported\\)\n");

            // wait-a's driver reports a revision past anything this test writes
            DataplaneStatus report = new DataplaneStatus("wait-a", Long.MAX_VALUE / 2, Long.MAX_VALUE / 2,
                    System.currentTimeMillis(), 3, 4, 1, 1, 1, 0, 0, null, List.of(), 0);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("palisade.status", "wait-a", new DataplaneCodec().encodeStatus(report)))
                        .get();
            }
            Files.writeString(policy, gnp.formatted(443));
            Run enforced = palisade("apply", "-f", policy.toString(), "--wait=60s");
            assertThat(enforced.code()).as(enforced.err()).isZero();
            assertThat(enforced.out()).matches("Successfully applied 1 'GlobalNetworkPolicy' resource\\(s\\)\n"
                    + "Revision \\d+ is enforced on 1 node\\(s\\): wait-a\n");

            Run unchanged = palisade("apply", "-f", policy.toString(), "--wait");
            assertThat(unchanged.code()).isZero();
            assertThat(unchanged.out()).contains("changes no node's enforced state: nothing to wait for");
        } finally {
            palisade("delete", "gnp", "wait-web");
            palisade("delete", "hep", "wait-a-eth0", "wait-b-eth0");
        }
    }
}
