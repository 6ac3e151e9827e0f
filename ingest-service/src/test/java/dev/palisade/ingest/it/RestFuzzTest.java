package dev.palisade.ingest.it;

import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import dev.palisade.testkit.fuzz.InputMutator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated resources through the real REST API (fixed seed; the core FuzzTest runs 10,000 without HTTP): every
 * answer is 2xx or 4xx, never 5xx, and every refusal is a Status naming its reason, with field causes for 422.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class RestFuzzTest {

    private static final int INPUTS = 400;
    private static final List<String> PLURALS = List.of("hostendpoints", "globalnetworkpolicies", "networksets",
            "globalnetworksets", "tiers", "profiles", "felixconfigurations", "nosuchkinds");

    @Test
    void mutatedRequestsAreNever5xxAndRefusalsNameTheirField() {
        InputMutator mutator = InputMutator.fromDirectory(Path.of("../examples/seeds"));
        Random random = new Random(17);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < INPUTS && problems.size() < 5; i++) {
            String body = mutator.next(random);
            String plural = PLURALS.get(random.nextInt(PLURALS.size()));
            String type = random.nextBoolean() ? "application/yaml" : "application/json";
            Response response = switch (random.nextInt(4)) {
                case 0 -> ApiTest.editor().contentType(type).body(body).post(ApiTest.BASE + "/" + plural);
                case 1 -> ApiTest.editor().contentType(type).body(body).put(ApiTest.BASE + "/" + plural + "/fuzz-" + i);
                case 2 -> ApiTest.editor().contentType(type).body(body).post(ApiTest.BASE + "/apply");
                default -> ApiTest.editor().contentType("application/merge-patch+json").body(body)
                        .patch(ApiTest.BASE + "/" + plural + "/fuzz-" + random.nextInt(5));
            };
            int status = response.statusCode();
            String answer = response.asString();
            if (status >= 500 || status < 200) {
                problems.add(status + " for " + body + "\n" + answer);
            } else if (status >= 400 && !answer.startsWith("{")) {
                problems.add(status + " without a Status body: " + answer);
            } else if (status >= 400) {
                JsonPath json = new JsonPath(answer);
                if (json.getString("reason") == null || json.getString("message") == null) {
                    problems.add(status + " without reason/message: " + answer);
                } else if (status == 422 && (json.getList("details.causes.field") == null
                        || json.getList("details.causes.field").isEmpty())) {
                    problems.add("422 without field causes: " + answer);
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
