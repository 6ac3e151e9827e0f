package dev.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.e2e.suite.CliProcess;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Listener;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 19 on the whole suite, through the CLI as a separate process and real packets from the outside host
 * to node1: a lockout guard refuses a policy that would cut its flow (409 naming flow, host endpoint and rule)
 * until {@code --force}, which the audit log records and after which the packets are dropped; a staged policy
 * changes nothing in the kernel until promoted, and its preview's verdicts are what the packets do after the
 * promotion; {@code explain} on node1 prints what {@code simulate} prints on the exported resources.
 */
final class GuardStagedExplainJourney {

    private static final String NODE = "node1";
    private static final String NODE_IP = "198.19.0.2";
    private static final String OUTSIDE = "external";
    private static final String OUTSIDE_IP = "198.19.15.254";
    private static final int GUARDED = 2222;
    private static final int WEB = 8080;
    private static final int OTHER = 9090;
    private static final String GUARD = "guard-e2e";
    private static final String FLOW = GUARD + "/bastion-admin";

    private static final String HOST = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {guard-e2e: host}}
            spec: {node: node1, interfaceName: eth0, expectedIPs: [198.19.0.2]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: guard-e2e-allow}
            spec:
              selector: guard-e2e == 'host'
              order: 1000
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            ---
            apiVersion: palisade.dev/v1
            kind: LockoutGuard
            metadata: {name: guard-e2e}
            spec:
              protectedFlows:
              - name: bastion-admin
                protocol: TCP
                source: {nets: [198.19.15.254/32]}
                destination: {selector: guard-e2e == 'host', ports: [2222]}
            """;

    private static final String LOCK_DOWN = """
            apiVersion: projectcalico.org/v3
            kind: %s
            metadata: {name: %s}
            spec:
              selector: guard-e2e == 'host'
              order: 10
              types: [Ingress]
              ingress: [{action: Deny, protocol: TCP, destination: {ports: [2222, 8080]}}]
            """;

    private final Suite suite;
    private final CliProcess cli;
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    GuardStagedExplainJourney(Suite suite, Path repository, Path dir) {
        this.suite = suite;
        this.cli = new CliProcess(repository, suite.services());
        this.dir = dir;
    }

    void run() {
        List<Listener> listeners = new ArrayList<>();
        try {
            for (int port : List.of(GUARDED, WEB, OTHER)) {
                listeners.add(suite.topology().listen(NODE, Protocol.TCP, port));
            }
            journey();
        } finally {
            // the guard first: with it, the reset's deletes could be refused
            cli.run("delete", "lockoutguard", GUARD, "--skip-not-exists");
            cli.run("delete", "sgnp", "lock-down", "--skip-not-exists");
            listeners.forEach(Listener::close);
        }
    }

    private void journey() {
        CliProcess.Run applied = cli.run("apply", "-f", write("host.yaml", HOST));
        assertThat(applied.code()).as(applied.toString()).isZero();
        awaitEnforced();
        assertReach(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN, OTHER, Reach.OPEN), "with the allow policy");

        // the guard refuses the policy that would cut its flow, naming flow, host endpoint and rule
        String lockDown = write("lock-down.yaml", LOCK_DOWN.formatted("GlobalNetworkPolicy", "lock-down"));
        CliProcess.Run refused = cli.run("apply", "-f", lockDown);
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).as(refused.toString()).contains("would lock hosts out", "--force", FLOW,
                "host endpoint node1-eth0", "GlobalNetworkPolicy lock-down (tier default) ingress rule 0: Deny");
        assertThat(names(Kind.GLOBAL_NETWORK_POLICY)).doesNotContain("lock-down");
        awaitEnforced();
        assertReach(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN), "after the refused write");

        // forced: committed, audited as forced with what it cut, and the packets are dropped
        CliProcess.Run forced = cli.run("apply", "-f", lockDown, "--force");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(forced.out()).as("the CLI's report reaches stdout").contains("Successfully applied 1 'GlobalNetworkPolicy'");
        awaitEnforced();
        assertReach(Map.of(GUARDED, Reach.TIMEOUT, WEB, Reach.TIMEOUT, OTHER, Reach.OPEN), "after the forced write");
        JsonNode entry = forcedAuditEntry("lock-down");
        assertThat(entry.path("operation").asText()).as(entry.toString()).isEqualTo("APPLY");
        assertThat(entry.path("cutFlows").toString()).as(entry.toString()).contains(FLOW, "node1-eth0");

        CliProcess.Run removed = cli.run("delete", "gnp", "lock-down", "--force");
        assertThat(removed.code()).as(removed.toString()).isZero();
        awaitEnforced();
        assertReach(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN), "after deleting the forced policy");

        staged();
        explain();
    }

    /** Staged: stored, enforced nowhere; the preview foretells what the packets do once it is promoted. */
    private void staged() {
        CliProcess.Run staged = cli.run("apply", "-f", write("staged.yaml",
                LOCK_DOWN.formatted("StagedGlobalNetworkPolicy", "lock-down")));
        assertThat(staged.code()).as(staged.toString()).isZero();
        awaitEnforced();
        assertThat(names(Kind.GLOBAL_NETWORK_POLICY)).doesNotContain("lock-down");
        assertReach(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN, OTHER, Reach.OPEN), "with the policy staged");

        Map<Integer, String> flows = new LinkedHashMap<>();
        for (int port : List.of(WEB, OTHER)) {
            flows.put(port, packet(port, 40001));
        }
        CliProcess.Run preview = cli.run("preview", "sgnp", "lock-down", "--flows",
                write("flows.txt", String.join("\n", flows.values()) + "\n"), "-o", "json");
        assertThat(preview.code()).as(preview.toString()).isZero();
        JsonNode report = read(preview.out());
        assertThat(report.path("probes").asInt()).as(preview.out()).isEqualTo(3);
        assertThat(report.path("selections").get(0).path("added").toString()).contains("node1-eth0");
        // every flow the preview compared: after promotion, allow = an answer, deny = dropped
        Map<Integer, Reach> foretold = new LinkedHashMap<>(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN,
                OTHER, Reach.OPEN));
        for (JsonNode change : report.path("changes")) {
            int port = Integer.parseInt(field(change.path("packet").asText(), "dstPort"));
            foretold.put(port, "allow".equals(change.path("after").asText()) ? Reach.OPEN : Reach.TIMEOUT);
        }
        assertThat(foretold).as(preview.out()).containsEntry(GUARDED, Reach.TIMEOUT).containsEntry(WEB, Reach.TIMEOUT)
                .containsEntry(OTHER, Reach.OPEN);
        CliProcess.Run table = cli.run("preview", "sgnp", "lock-down", "--flows", write("flows.txt",
                String.join("\n", flows.values()) + "\n"));
        assertThat(table.out()).as(table.toString()).contains("3 flows compared, 2 verdicts change", FLOW);

        CliProcess.Run refused = cli.run("promote", "sgnp", "lock-down");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("would lock hosts out", FLOW);
        awaitEnforced();
        assertReach(Map.of(GUARDED, Reach.OPEN, WEB, Reach.OPEN), "after the refused promotion");

        CliProcess.Run promoted = cli.run("promote", "sgnp", "lock-down", "--force");
        assertThat(promoted.code()).as(promoted.toString()).isZero();
        assertThat(names(Kind.GLOBAL_NETWORK_POLICY)).contains("lock-down");
        awaitEnforced();
        assertReach(foretold, "after the promotion, as the preview said");
    }

    /** explain on node1, at the revision its driver reports, prints what simulate prints on an export. */
    private void explain() {
        String packet = "src=" + OUTSIDE_IP + ",dst=" + NODE_IP + ",proto=TCP,srcPort=40000,dstPort=" + GUARDED;
        CliProcess.Run explained = cli.run("explain", "--node", NODE, "--packet", packet);
        assertThat(explained.code()).as(explained.toString()).isZero();
        assertThat(explained.out()).as(explained.toString()).startsWith("node " + NODE + ": enforces revision ")
                .contains("; simulated on the resources at that revision").contains("DENY");
        StringBuilder export = new StringBuilder();
        for (String kind : List.of("node", "hep", "gnp", "gns", "felixconfig", "tier")) {
            CliProcess.Run got = cli.run("get", kind, "-o", "yaml");
            assertThat(got.code()).as(got.toString()).isZero();
            export.append(got.out()).append("\n---\n");
        }
        CliProcess.Run simulated = cli.run("simulate", "-f", write("export.yaml", export.toString()), "--packet",
                "node=" + NODE + ",in=eth0,out=local," + packet, "-o", "human");
        assertThat(simulated.code()).as(simulated.toString()).isZero();
        assertThat(explained.out()).as(explained + "\n" + simulated).endsWith(simulated.out());
    }

    /** The audit entry of the forced write, once the audit log has it. */
    private JsonNode forcedAuditEntry(String name) {
        long deadline = System.nanoTime() + Suite.SETTLE.toNanos();
        while (true) {
            JsonNode audit = suite.client().audit(Kind.GLOBAL_NETWORK_POLICY, name);
            for (JsonNode item : audit.path("items")) {
                if (item.path("forced").asBoolean()) {
                    return item;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no forced entry for GlobalNetworkPolicy " + name + " in the audit log: " + audit);
            }
            pause();
        }
    }

    private String packet(int port, int srcPort) {
        return "node=" + NODE + ",in=eth0,out=local,src=" + OUTSIDE_IP + ",dst=" + NODE_IP + ",proto=TCP,srcPort="
                + srcPort + ",dstPort=" + port;
    }

    private static String field(String packet, String name) {
        for (String part : packet.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in packet " + packet);
    }

    /**
     * Until the policies and host endpoints as stored are on the resource topic, then enforced on every node.
     * (The datastore's own revision will not do: the guard and staged policies are never published, so the
     * calculator never reaches a revision one of them was written at.)
     */
    private void awaitEnforced() {
        List<Kind> kinds = List.of(Kind.GLOBAL_NETWORK_POLICY, Kind.HOST_ENDPOINT);
        long deadline = System.nanoTime() + Suite.SETTLE.toNanos();
        while (true) {
            List<Resource> stored = new ArrayList<>();
            kinds.forEach(k -> stored.addAll(suite.client().list(k).items()));
            if (suite.published(stored, kinds)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the resource topic never showed " + stored.stream().map(r -> r.key()).toList());
            }
            pause();
        }
        suite.awaitEnforced(suite.watcher().publishedRevision());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void assertReach(Map<Integer, Reach> expected, String when) {
        Map<Integer, Reach> observed = new LinkedHashMap<>();
        expected.keySet().forEach(port -> observed.put(port, suite.probe(OUTSIDE, NODE, Protocol.TCP, port)));
        assertThat(observed).as("%s -> %s:%s %s", OUTSIDE, NODE, expected.keySet(), when)
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    private List<String> names(Kind kind) {
        return suite.client().list(kind).items().stream().map(r -> r.metadata().name()).toList();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private String write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
