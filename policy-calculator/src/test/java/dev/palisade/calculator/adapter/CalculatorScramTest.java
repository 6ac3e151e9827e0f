package dev.palisade.calculator.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.ServiceAcls;
import dev.palisade.testkit.TestPki;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calculator as a Kafka client of a broker that authenticates with SASL/SCRAM and denies what no ACL
 * allows: configured only through {@code kafka.*}, with the ACLs docs/operations.md lists for it, its
 * admin client, consumer and producer get in, it becomes ready and publishes a node's state. Were any of them
 * left without the login, the broker would turn it away and nothing would be published.
 */
@QuarkusTest
@TestProfile(CalculatorScramTest.ScramBroker.class)
class CalculatorScramTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void authenticatesWithScramAndPublishesUnderItsAcls() throws Exception {
        TestTopics.await(WAIT, "ready", () -> given().get("/q/health/ready").statusCode() == 200);
        TestTopics admin = new TestTopics(ScramBrokerResource.broker.adminConfig());
        admin.upsert("palisade.resources", 51, CalculatorLoopTest.APP_TO_DB);
        admin.upsert("palisade.resources", 52, CalculatorLoopTest.hep("scram-1", "node-s", "db", "198.18.2.1"));
        TestTopics.await(WAIT, "node-s's barrier", () -> admin.readAll("palisade.dataplane").stream()
                .anyMatch(r -> r.key().equals("node/node-s/barrier/batch")));
        assertThat(admin.readAll("palisade.dataplane")).extracting(r -> r.key())
                .contains("node/node-s/endpoint/scram-1", "shared/policy/gnp/app-to-db");
    }

    /** Only the SCRAM broker: the plaintext one other tests share would leave the SASL settings untried. */
    public static final class ScramBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScramBrokerResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A SCRAM broker with the calculator's user and least-privilege ACLs, granted before the service starts. */
    public static final class ScramBrokerResource implements QuarkusTestResourceLifecycleManager {
        static volatile KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            broker = KafkaBroker.startWithScramOverTls(Map.of("calculator", "calculator-secret"), TestPki.create("calculator"));
            ServiceAcls.calculator(broker, "calculator");
            Map<String, String> config = new HashMap<>();
            broker.clientConfig("calculator").forEach((key, value) -> config.put("kafka." + key, value.toString()));
            return config;
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
