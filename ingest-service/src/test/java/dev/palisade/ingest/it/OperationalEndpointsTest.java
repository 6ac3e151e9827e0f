package dev.palisade.ingest.it;

import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /q/*} (health, metrics, OpenAPI) is open to anyone who reaches the port, so it must neither accept a
 * write nor show a secret: no token, no token digest, no database password.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class OperationalEndpointsTest {

    private static final List<String> OPEN = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics", "/q/openapi", "/q/openapi?format=json");

    private static final io.restassured.config.RestAssuredConfig TEXT = RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));

    @Test
    void openEndpointsShowNoSecret() throws Exception {
        // a request that carries a token, so a leak through request logging or metrics labels would show up
        ApiTest.editor().get(ApiTest.BASE + "/hostendpoints").then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer not-a-token-q-probe").get(ApiTest.BASE + "/tiers")
                .then().statusCode(401);
        List<String> secrets = new ArrayList<>(List.of("editor-token", "viewer-token", "not-a-token-q-probe",
                sha256Hex("editor-token"), sha256Hex("viewer-token")));
        var config = ConfigProvider.getConfig();
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("");
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .filter(p -> p.length() >= 4 && !p.equals(user)).ifPresent(secrets::add);
        for (String path : OPEN) {
            Response response = RestAssured.get(path);
            assertThat(response.statusCode()).as(path).isIn(200, 503);
            String body = response.asString();
            for (String secret : secrets) {
                assertThat(body).as(path).doesNotContain(secret);
            }
            assertThat(body).as(path).doesNotContainIgnoringCase("Bearer ");
        }
    }

    @Test
    void openEndpointsAcceptNoWrite() {
        String body = ApiTest.hep("q-probe", "");
        List<String> targets = new ArrayList<>(OPEN);
        targets.addAll(List.of("/q/apis/projectcalico.org/v3/hostendpoints", "/q/apply", "/q/audit"));
        // leaving /q by a dot segment lands on the API, which then wants a token like any other request
        List<String> escapes = List.of("/q/../apis/projectcalico.org/v3/hostendpoints",
                "/q/%2e%2e/apis/projectcalico.org/v3/hostendpoints",
                "/q/%2e%2e/apis/projectcalico.org/v3/hostendpoints/q-probe");
        for (String path : escapes) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                assertThat(RestAssured.given().config(TEXT).urlEncodingEnabled(false).contentType("application/yaml")
                        .body(body).request(method, path).statusCode()).as(method + " " + path).isBetween(400, 499);
            }
        }
        for (String path : targets) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                for (String auth : List.of("", "Bearer editor-token")) {
                    var request = RestAssured.given().config(TEXT).urlEncodingEnabled(false)
                            .contentType("application/yaml").body(body);
                    if (!auth.isEmpty()) {
                        request.header("Authorization", auth);
                    }
                    assertThat(request.request(method, path).statusCode()).as(method + " " + path + " " + !auth.isEmpty())
                            .isBetween(400, 499);
                }
            }
        }
        ApiTest.viewer().get(ApiTest.BASE + "/hostendpoints/q-probe").then().statusCode(404);
        ApiTest.viewer().queryParam("name", "q-probe").get("/audit").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
