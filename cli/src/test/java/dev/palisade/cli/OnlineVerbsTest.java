package dev.palisade.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The online verbs' requests and messages, against a local HTTP endpoint that answers as ingest-service's
 * API does (the service itself is tested with real servers in ingest-service).
 */
class OnlineVerbsTest {

    private HttpServer http;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int nextStatus = 201;
    private volatile String nextBody = "{}";
    private volatile String nextWarning;
    /** Bodies by path prefix, for verbs that read more than one path; others get {@link #nextBody}. */
    private final java.util.Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String path = exchange.getRequestURI().getPath();
            byte[] reply = bodies.entrySet().stream().filter(e -> path.startsWith(e.getKey())).findFirst()
                    .map(java.util.Map.Entry::getValue).orElse(nextBody).getBytes(StandardCharsets.UTF_8);
            if (nextWarning != null) {
                exchange.getResponseHeaders().add("Warning", nextWarning);
            }
            exchange.sendResponseHeaders(nextStatus, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--server=http://127.0.0.1:" + http.getAddress().getPort());
        all.add("--token=t0ken");
        int code = cli.execute(all.toArray(String[]::new));
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void createPostsEachResourceWithTheTokenAndReportsLikeCalicoctl(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("heps.yaml");
        Files.writeString(file, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1}
                spec: {node: n1}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h2}
                spec: {node: n1}
                """);

        String[] result = run("create", "-f", file.toString());

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).isEqualTo("Successfully created 2 'HostEndpoint' resource(s)\n");
        assertThat(requests).hasSize(2).allMatch(r -> r.startsWith("POST /apis/projectcalico.org/v3/hostendpoints Bearer t0ken {"));
    }

    @Test
    void anUnknownKindIsReportedByNumberTheRestIsAppliedAndServerWarningsArePrinted(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("export.yaml");
        Files.writeString(file, """
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {bpfEnabled: false}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: default-ipv4-ippool}
                spec: {cidr: 198.19.0.0/16}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1}
                spec: {node: n1}
                """);
        nextStatus = 200;
        nextWarning = "299 - \"FelixConfiguration default: spec.bpfEnabled: kept, but Palisade does not act on "
                + "this setting\"";
        String[] r = run("apply", "-f", file.toString());
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("FelixConfiguration");
        assertThat(requests.get(1)).contains("HostEndpoint");
        assertThat(r[2]).contains("Skipping resource 2 of " + file + ": unknown kind \"IPPool\"")
                .contains("Warning: FelixConfiguration default: spec.bpfEnabled: kept, but Palisade does not act")
                .contains("Skipped 1 resource(s)");
        assertThat(r[1]).contains("Successfully applied 2");
        assertThat(r[0]).isEqualTo("1");
    }

    @Test
    void aRefusalIsReportedWithTheServersFieldErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gnp.yaml");
        Files.writeString(file, "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: p}\n");
        nextStatus = 422;
        nextBody = "{\"kind\":\"Status\",\"message\":\"m\",\"details\":{\"causes\":[{\"field\":\"spec.selector\",\"message\":\"bad\"}]}}";

        String[] result = run("replace", "-f", file.toString());

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains("Failed to replace 'GlobalNetworkPolicy' resource: [spec.selector: bad]");
        assertThat(requests).singleElement().asString().startsWith("PUT /apis/projectcalico.org/v3/globalnetworkpolicies/p ");
    }

    @Test
    void getPrintsCalicoctlTablesForShortNames() {
        nextStatus = 200;
        nextBody = """
                {"kind":"HostEndpointList","items":[
                  {"metadata":{"name":"web-1"},"spec":{"node":"node1","interfaceName":"eth0","expectedIPs":["198.18.0.1","2001:db8::1"],"profiles":["p1"]}}]}
                """;

        String[] ps = run("get", "hep");
        String[] wide = run("get", "hep", "-o", "wide");

        assertThat(ps[1]).isEqualTo("NAME    NODE\nweb-1   node1\n");
        assertThat(wide[1]).isEqualTo("""
                NAME    NODE    INTERFACE   IPS                      PROFILES
                web-1   node1   eth0        198.18.0.1,2001:db8::1   p1
                """);
        assertThat(requests.getFirst()).startsWith("GET /apis/projectcalico.org/v3/hostendpoints ");
    }

    @Test
    void networkSetsAreNamespacedUnderTheirShortNames(@TempDir Path dir) throws IOException {
        nextStatus = 200;
        nextBody = """
                {"kind":"NetworkSetList","items":[
                  {"metadata":{"name":"vendors","namespace":"prod"},"spec":{"nets":["198.18.64.0/24","2001:db8::/64"]}}]}
                """;
        Path file = dir.resolve("netset.yaml");
        Files.writeString(file, """
                apiVersion: projectcalico.org/v3
                kind: NetworkSet
                metadata: {name: vendors, namespace: prod, labels: {trust: vendor}}
                spec: {nets: [198.18.64.0/24]}
                """);

        String[] wide = run("get", "netsets", "-n", "prod", "-o", "wide");
        String[] all = run("get", "netset", "-A");
        String[] applied = run("apply", "-f", file.toString());

        assertThat(wide[1]).isEqualTo("NAME      NETS\nvendors   198.18.64.0/24,2001:db8::/64\n");
        assertThat(all[1]).isEqualTo("NAMESPACE   NAME\nprod        vendors\n");
        assertThat(applied[1]).isEqualTo("Successfully applied 1 'NetworkSet' resource(s)\n");
        assertThat(requests).extracting(r -> r.substring(0, r.indexOf(" Bearer"))).containsExactly(
                "GET /apis/projectcalico.org/v3/namespaces/prod/networksets",
                "GET /apis/projectcalico.org/v3/networksets",
                "POST /apis/projectcalico.org/v3/apply");
        assertThat(requests.get(2)).contains("\"kind\" : \"NetworkSet\"", "\"namespace\" : \"prod\"");
    }

    @Test
    void deleteByNameAndPatchUseTheResourcePaths() {
        nextStatus = 200;
        String[] deleted = run("delete", "gnetsets", "a", "b");
        String[] patched = run("patch", "felixconfig", "default", "-p", "{\"spec\":{\"logPrefix\":\"x\"}}");

        assertThat(deleted[1]).isEqualTo("Successfully deleted 2 'GlobalNetworkSet' resource(s)\n");
        assertThat(patched[1]).isEqualTo("Successfully patched 1 'FelixConfiguration' resource\n");
        assertThat(requests).extracting(r -> r.substring(0, r.indexOf(" Bearer"))).containsExactly(
                "DELETE /apis/projectcalico.org/v3/globalnetworksets/a",
                "DELETE /apis/projectcalico.org/v3/globalnetworksets/b",
                "PATCH /apis/projectcalico.org/v3/felixconfigurations/default");
    }

    @Test
    void aWriteTheServerCouldNotConfirmIsReportedAsOutcomeUnknownNotAsFailed() {
        nextStatus = 504;
        nextBody = """
                {"kind":"Status","status":"Failure","reason":"Timeout","code":504,
                 "message":"outcome unknown: etcd did not confirm the delete of GlobalNetworkSet a within 10 s"}
                """;
        String[] deleted = run("delete", "gnetsets", "a");
        String[] patched = run("patch", "gnetsets", "a", "-p", "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}");
        nextStatus = 500;
        nextBody = "{\"kind\":\"Status\",\"code\":500,\"message\":\"boom\"}";
        String[] failed = run("delete", "gnetsets", "a");

        assertThat(deleted[0]).isEqualTo("1");
        assertThat(deleted[2]).startsWith("Outcome unknown: the delete of 'GlobalNetworkSet' resource may or may not")
                .contains("read it before retrying", "etcd did not confirm").doesNotContain("Failed");
        assertThat(patched[2]).startsWith("Outcome unknown: the patch of 'GlobalNetworkSet' resource");
        assertThat(failed[2]).startsWith("Failed to delete 'GlobalNetworkSet' resource: [boom]");
    }

    @Test
    void jsonPatchReadsPatchesAndReplacesAtTheRevisionReadAndStrategicIsRefused() {
        nextStatus = 200;
        nextBody = """
                {"apiVersion":"projectcalico.org/v3","kind":"HostEndpoint",
                 "metadata":{"name":"h1","resourceVersion":"41","labels":{"a":"1"}},"spec":{"node":"n1"}}
                """;
        String[] patched = run("patch", "hep", "h1", "--type", "json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/ver\",\"value\":\"1.10\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}]");
        String[] strategic = run("patch", "hep", "h1", "--type", "strategic", "-p", "{}");
        String[] badOp = run("patch", "hep", "h1", "--type", "json", "-p", "[{\"op\":\"frob\",\"path\":\"/x\"}]");

        assertThat(patched[1]).isEqualTo("Successfully patched 1 'HostEndpoint' resource\n");
        assertThat(requests.get(1)).startsWith("PUT /apis/projectcalico.org/v3/hostendpoints/h1 ")
                .contains("\"resourceVersion\":\"41\"", "\"labels\":{\"ver\":\"1.10\"}");
        assertThat(strategic[0]).isEqualTo("1");
        assertThat(strategic[2]).contains("use --type merge or --type json");
        assertThat(badOp[2]).contains("operation 0: unknown op \"frob\"");
        assertThat(requests).hasSize(3);
    }

    @Test
    void serverAndTokenComeFromAConfigFileAndVersionNamesTheServer(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("palisade.cfg");
        Files.writeString(cfg, """
                apiVersion: palisade.dev/v1
                kind: PalisadeAPIConfig
                spec:
                  server: http://127.0.0.1:%d
                  token: from-file
                """.formatted(http.getAddress().getPort()));
        nextStatus = 200;
        nextBody = "{\"items\":[]}";
        StringWriter out = new StringWriter();
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("get", "hep", "-c", cfg.toString())).isZero();
        assertThat(cli.execute("version", "-c", cfg.toString())).isZero();
        assertThat(requests).singleElement().asString().contains("Bearer from-file");
        assertThat(out.toString()).contains("Client Version:", "Server:            http://127.0.0.1:"
                + http.getAddress().getPort());
    }

    @Test
    void customColumnsSkipEmptyGetByFileAndNodesWide(@TempDir Path dir) throws IOException {
        nextStatus = 200;
        nextBody = """
                {"items":[{"metadata":{"name":"worker-1","labels":{"kubernetes.io/os":"linux"}},
                  "spec":{"bgp":{"ipv4Address":"198.18.0.11/24"},"addresses":[{"address":"198.18.0.11/24"},
                  {"address":"198.18.0.11"},{"address":"198.18.0.11"}]}}]}
                """;
        String[] columns = run("get", "nodes", "-o",
                "custom-columns=NAME:.metadata.name,OS:.metadata.labels.kubernetes\\.io/os,ASN:.spec.bgp.asNumber");
        String[] wide = run("get", "nodes", "-o", "wide");
        nextBody = "{\"items\":[]}";
        String[] empty = run("get", "gnp", "--skip-empty");
        nextBody = "{\"metadata\":{\"name\":\"h1\"},\"spec\":{\"node\":\"n1\"}}";
        Path file = dir.resolve("h.yaml");
        Files.writeString(file, "apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata: {name: h1}\n");
        String[] byFile = run("get", "-f", file.toString());

        assertThat(columns[1]).isEqualTo("NAME       OS      ASN\nworker-1   linux   <none>\n");
        assertThat(wide[1]).contains("ADDRESSES").contains("198.18.0.11/24,198.18.0.11\n");
        assertThat(empty[1]).isEmpty();
        assertThat(byFile[1]).isEqualTo("NAME   NODE\nh1     n1\n");
        assertThat(requests.getLast()).startsWith("GET /apis/projectcalico.org/v3/hostendpoints/h1 ");
    }

    @Test
    void auditQueriesTheAuditApiWithItsFilters() {
        nextStatus = 200;
        nextBody = """
                {"items":[{"revision":7,"time":"2026-12-04T10:00:00Z","actor":"alice","operation":"CREATE",
                  "kind":"GlobalNetworkPolicy","namespace":null,"name":"allow-ssh"}]}
                """;
        String[] r = run("audit", "--kind", "gnp", "--name", "allow-ssh", "--since", "2026-12-04T00:00:00Z");

        assertThat(requests.getFirst()).startsWith("GET /audit?limit=100&kind=GlobalNetworkPolicy&name=allow-ssh"
                + "&since=2026-12-04T00%3A00%3A00Z ");
        assertThat(r[1]).isEqualTo("""
                REVISION   TIME                   ACTOR   OPERATION   KIND                  NAME
                7          2026-12-04T10:00:00Z   alice   CREATE      GlobalNetworkPolicy   allow-ssh
                """);
    }

    @Test
    void getStatusPrintsEachNodesEnforcedRevision() {
        nextStatus = 200;
        bodies.put("/apis/projectcalico.org/v3/nodes", """
                {"metadata":{"resourceVersion":"45"},"items":[{"metadata":{"name":"node1"}},
                 {"metadata":{"name":"node2"}},{"metadata":{"name":"node3"}}]}
                """);
        nextBody = """
                {"items":[
                  {"node":"node1","enforcedRevision":42,"attemptedRevision":42,"lastApply":"2026-11-22T10:00:00Z",
                   "applyMillis":12,"rules":40,"sets":3,"setElements":9,"lastError":null},
                  {"node":"node2","enforcedRevision":-1,"attemptedRevision":42,"lastApply":"2026-11-22T10:00:01Z",
                   "applyMillis":30,"rules":0,"sets":0,"setElements":0,"lastError":"nft: Error:\\n syntax error"}]}
                """;

        String[] table = run("get", "status");
        String[] json = run("get", "status", "node2", "-o", "json");
        String[] unknown = run("get", "status", "node9");

        assertThat(table[1]).isEqualTo("""
                DATASTORE REVISION: 45
                NODE    ENFORCED REVISION   BEHIND   LAST APPLY             ERROR
                node1   42                  3        2026-11-22T10:00:00Z
                node2   none                         2026-11-22T10:00:01Z   nft: Error: syntax error
                node3   never reported
                """);
        assertThat(json[1]).contains("\"node\" : \"node2\"").doesNotContain("node1");
        assertThat(unknown[0]).isEqualTo("1");
        assertThat(unknown[2]).contains("no status reported by node(s) node9");
        assertThat(requests).allMatch(r -> r.startsWith("GET /status/nodes Bearer t0ken")
                || r.startsWith("GET /apis/projectcalico.org/v3/nodes Bearer t0ken"));
    }
}
