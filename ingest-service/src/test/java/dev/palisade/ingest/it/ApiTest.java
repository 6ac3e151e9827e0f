package dev.palisade.ingest.it;

import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ApiTest {

    static final String BASE = "/apis/projectcalico.org/v3";

    /** YAML and merge-patch bodies are text to RestAssured. */
    private static final io.restassured.config.RestAssuredConfig TEXT_BODIES = RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)
                    .encodeContentTypeAs("application/merge-patch+json", io.restassured.http.ContentType.TEXT));

    static RequestSpecification editor() {
        return RestAssured.given().config(TEXT_BODIES).header("Authorization", "Bearer editor-token");
    }

    static RequestSpecification viewer() {
        return RestAssured.given().config(TEXT_BODIES).header("Authorization", "Bearer viewer-token");
    }

    static String hep(String name, String labels) {
        return """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  node: node1
                  interfaceName: eth0
                  expectedIPs: ["198.18.0.1"]
                """.formatted(name, labels);
    }

    @Test
    void createGetReplaceDeleteAHostEndpoint() {
        Response created = editor().contentType("application/yaml").body(hep("api-crud", "role: web"))
                .post(BASE + "/hostendpoints");
        created.then().statusCode(201)
                .body("kind", equalTo("HostEndpoint"))
                .body("metadata.uid", notNullValue())
                .body("metadata.creationTimestamp", notNullValue());
        String version = created.path("metadata.resourceVersion");

        viewer().get(BASE + "/hostendpoints/api-crud").then().statusCode(200)
                .body("metadata.resourceVersion", equalTo(version))
                .body("spec.node", equalTo("node1"));
        viewer().accept("application/yaml").get(BASE + "/hostendpoints/api-crud").then().statusCode(200)
                .contentType(containsString("yaml")).body(containsString("interfaceName: eth0"));

        String replacement = hep("api-crud", "role: db").replace("  name: api-crud",
                "  name: api-crud\n  resourceVersion: \"" + version + "\"");
        Response replaced = editor().contentType("application/yaml").body(replacement)
                .put(BASE + "/hostendpoints/api-crud");
        replaced.then().statusCode(200).body("metadata.labels.role", equalTo("db"))
                .body("metadata.uid", equalTo(created.path("metadata.uid")));
        assertThat(Long.parseLong(replaced.path("metadata.resourceVersion"))).isGreaterThan(Long.parseLong(version));

        // the same stale resourceVersion again: someone else changed it since
        editor().contentType("application/yaml").body(replacement).put(BASE + "/hostendpoints/api-crud")
                .then().statusCode(409).body("reason", equalTo("Conflict"));

        editor().delete(BASE + "/hostendpoints/api-crud").then().statusCode(200)
                .body("metadata.labels.role", equalTo("db"));
        viewer().get(BASE + "/hostendpoints/api-crud").then().statusCode(404).body("reason", equalTo("NotFound"));
        editor().delete(BASE + "/hostendpoints/api-crud").then().statusCode(404);
    }

    @Test
    void createTwiceIsAConflict() {
        editor().contentType("application/yaml").body(hep("api-twice", "")).post(BASE + "/hostendpoints")
                .then().statusCode(201);
        editor().contentType("application/yaml").body(hep("api-twice", "")).post(BASE + "/hostendpoints")
                .then().statusCode(409).body("reason", equalTo("AlreadyExists"));
    }

    @Test
    void mergePatchChangesOnlyWhatItNames() {
        editor().contentType("application/yaml").body(hep("api-patch", "a: '1', b: '2'")).post(BASE + "/hostendpoints")
                .then().statusCode(201);
        editor().contentType("application/merge-patch+json")
                .body("{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}},\"spec\":{\"interfaceName\":\"eth1\"}}")
                .patch(BASE + "/hostendpoints/api-patch")
                .then().statusCode(200)
                .body("metadata.labels.b", equalTo("2"))
                .body("metadata.labels.c", equalTo("3"))
                .body("metadata.labels", not(org.hamcrest.Matchers.hasKey("a")))
                .body("spec.interfaceName", equalTo("eth1"))
                .body("spec.node", equalTo("node1"));
    }

    @Test
    void listFiltersWithACalicoLabelSelector() {
        editor().contentType("application/yaml").body(hep("api-sel-a", "tier: frontend")).post(BASE + "/hostendpoints");
        editor().contentType("application/yaml").body(hep("api-sel-b", "tier: backend")).post(BASE + "/hostendpoints");

        viewer().queryParam("labelSelector", "tier == 'frontend'").get(BASE + "/hostendpoints").then().statusCode(200)
                .body("kind", equalTo("HostEndpointList"))
                .body("items.metadata.name", hasItem("api-sel-a"))
                .body("items.metadata.name", not(hasItem("api-sel-b")));
        viewer().queryParam("labelSelector", "tier ==").get(BASE + "/hostendpoints").then().statusCode(422)
                .body("details.causes[0].field", equalTo("labelSelector"));
    }

    @Test
    void invalidResourcesAre422WithFieldPaths() {
        editor().contentType("application/yaml").body(hep("api-bad", "").replace("interfaceName", "interfaceNmae"))
                .post(BASE + "/hostendpoints")
                .then().statusCode(422).body("reason", equalTo("Invalid"))
                .body("details.causes.field", hasItem("spec.interfaceNmae"));
        editor().contentType("application/yaml").body(hep("Bad_Name", "")).post(BASE + "/hostendpoints")
                .then().statusCode(422).body("details.causes.field", hasItem("metadata.name"));
    }

    @Test
    void tokensDecideWhoMayReadAndWrite() {
        RestAssured.given().get(BASE + "/hostendpoints").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer wrong").get(BASE + "/hostendpoints").then().statusCode(401);
        viewer().contentType("application/yaml").body(hep("api-viewer", "")).post(BASE + "/hostendpoints")
                .then().statusCode(403).body("reason", equalTo("Forbidden"));
        viewer().get(BASE + "/hostendpoints").then().statusCode(200);
    }

    @Test
    void builtInsExistAndTheDefaultAllowProfileCannotChange() {
        viewer().get(BASE + "/profiles").then().statusCode(200)
                .body("items.metadata.name", hasItem("projectcalico-default-allow"));
        editor().delete(BASE + "/profiles/projectcalico-default-allow").then().statusCode(405);
        editor().contentType("application/json").body("{\"metadata\":{\"labels\":{\"x\":\"y\"}}}")
                .patch(BASE + "/profiles/projectcalico-default-allow").then().statusCode(405);
        viewer().get(BASE + "/tiers").then().statusCode(200)
                .body("items.metadata.name", hasItems("kube-admin", "default", "kube-baseline"));
        viewer().get(BASE + "/tiers/default").then().statusCode(200).body("spec.order", equalTo(1000000));
        editor().delete(BASE + "/tiers/kube-admin").then().statusCode(405);
        viewer().get(BASE + "/felixconfigurations/default").then().statusCode(200)
                .body("spec.logSeverityScreen", equalTo("Info"));
        viewer().get(BASE + "/kubecontrollersconfigurations/default").then().statusCode(200)
                .body("spec.controllers.node.hostEndpoint.autoCreate", equalTo("Disabled"));
    }

    @Test
    void applyReportsEachResourceOfAStream() {
        String stream = hep("api-apply-1", "") + "---\n" + hep("api-apply-2", "").replace("node: node1", "node: [x]")
                + "---\n" + hep("api-apply-3", "");
        editor().contentType("application/yaml").body(stream).post(BASE + "/apply").then().statusCode(200)
                .body("results.status", org.hamcrest.Matchers.contains("created", "failed", "created"))
                .body("results[1].errors[0].field", equalTo("spec.node"));
        editor().contentType("application/yaml").body(hep("api-apply-1", "changed: 'yes'")).post(BASE + "/apply")
                .then().statusCode(200).body("results[0].status", equalTo("updated"));
    }

    @Test
    void namespacedKindsLiveUnderTheirNamespace() {
        String policy = """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata:
                  name: api-np
                spec:
                  selector: all()
                """;
        editor().contentType("application/yaml").body(policy).post(BASE + "/namespaces/team-a/networkpolicies")
                .then().statusCode(201).body("metadata.namespace", equalTo("team-a"));
        viewer().get(BASE + "/namespaces/team-a/networkpolicies/api-np").then().statusCode(200);
        viewer().get(BASE + "/namespaces/team-b/networkpolicies/api-np").then().statusCode(404);
        viewer().get(BASE + "/networkpolicies").then().statusCode(200).body("items.metadata.name", hasItem("api-np"));
    }

    @Test
    void acceptedChangesAreAudited() {
        editor().contentType("application/yaml").body(hep("api-audit", "")).post(BASE + "/hostendpoints")
                .then().statusCode(201);
        editor().delete(BASE + "/hostendpoints/api-audit").then().statusCode(200);
        viewer().queryParam("kind", "HostEndpoint").queryParam("name", "api-audit").get("/audit")
                .then().log().ifValidationFails().statusCode(200)
                .body("items.operation", org.hamcrest.Matchers.contains("DELETE", "CREATE"))
                .body("items[0].actor", equalTo("alice"))
                .body("items[0].after", org.hamcrest.Matchers.nullValue())
                .body("items[1].after.spec.node", equalTo("node1"));
    }

    @Test
    void aWrongContentTypeIs415NamingTheTypesThatAreRead() {
        for (String type : new String[] {"text/html", "application/x-www-form-urlencoded", "application/xml"}) {
            RestAssured.given().header("Authorization", "Bearer editor-token").contentType(type)
                    .body(hep("api-415", ""))
                    .post(BASE + "/hostendpoints").then().statusCode(415)
                    .body("reason", equalTo("UnsupportedMediaType"))
                    .body("message", containsString(type))
                    .body("message", containsString("application/yaml"))
                    .body("message", containsString("application/json"))
                    .body("details.causes[0].field", equalTo("Content-Type"));
        }
        RestAssured.given().header("Authorization", "Bearer editor-token").contentType("text/plain")
                .body(hep("api-415", ""))
                .put(BASE + "/hostendpoints/api-415").then().statusCode(415).body("message", containsString("PUT"));
        RestAssured.given().header("Authorization", "Bearer editor-token").contentType("text/plain")
                .body(hep("api-415", ""))
                .post(BASE + "/apply").then().statusCode(415);
        editor().contentType("application/yaml").body("metadata: {labels: {a: b}}")
                .patch(BASE + "/hostendpoints/api-415").then().statusCode(415)
                .body("message", containsString("application/merge-patch+json"))
                .body("message", not(containsString("text/yaml")));
        viewer().get(BASE + "/hostendpoints/api-415").then().statusCode(404);
        // the types the CLI, hep-controller and e2e send are still read
        editor().contentType("text/yaml").body(hep("api-415", "")).post(BASE + "/hostendpoints").then().statusCode(201);
    }

    @Test
    void aBodyOverTheSizeLimitIs413() throws java.io.IOException {
        // Announced, not sent: the server answers 413 from the Content-Length and closes, so a client still
        // writing 4 MiB would see a broken pipe instead of the answer, depending on timing.
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST " + BASE + "/hostendpoints HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer editor-token\r\nContent-Type: application/yaml\r\n"
                    + "Content-Length: " + (4 * 1024 * 1024) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        viewer().get(BASE + "/hostendpoints/api-413").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body(containsString("etcd"));
        viewer().get(BASE + "/hostendpoints").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("palisade_api_requests_total{code=\"200\",kind=\"hostendpoints\",verb=\"GET\"}"))
                .body(containsString("palisade_publish_lag_revisions"))
                .body(containsString("palisade_ingest_dead_letters_total"));
        RestAssured.get("/q/openapi").then().statusCode(200).body(containsString("/apis/projectcalico.org/v3"));
    }
}
