package dev.palisade.ingest.it;

import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.palisade.ingest.it.ApiTest.BASE;
import static dev.palisade.ingest.it.ApiTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class IntakeTest {

    @Test
    void badEventsGoToTheDeadLetterTopicAndTheValidOneBehindThemIsApplied() throws Exception {
        String invalidResource = """
                {"specversion":"1.0","id":"e2","source":"/tests/intake","type":"palisade.resource.applied",
                 "datacontenttype":"application/json",
                 "data":{"apiVersion":"projectcalico.org/v3","kind":"GlobalNetworkSet",
                         "metadata":{"name":"intake-bad"},"spec":{"nets":["198.18.0.0/24"],"colour":"red"}}}
                """;
        String validNode = """
                {"name":"intake-node","labels":{"zone":"a"},"addresses":["198.18.1.1"],
                 "interfaces":[{"name":"eth0","addresses":["198.18.1.1"]}]}
                """;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            var malformed = new ProducerRecord<String, byte[]>("palisade.ingest", "m", bytes("{not json"));
            malformed.headers().add("content-type", bytes("application/cloudevents+json"));
            malformed.headers().add("trace", bytes("t-1"));
            producer.send(malformed).get();
            var invalid = new ProducerRecord<String, byte[]>("palisade.ingest", "i", bytes(invalidResource));
            invalid.headers().add("content-type", bytes("application/cloudevents+json"));
            producer.send(invalid).get();
            var valid = new ProducerRecord<String, byte[]>("palisade.ingest", "v", bytes(validNode));
            valid.headers().add("ce_specversion", bytes("1.0"));
            valid.headers().add("ce_id", bytes("e3"));
            valid.headers().add("ce_source", bytes("/tests/k8s"));
            valid.headers().add("ce_type", bytes("io.k8s.node.added"));
            valid.headers().add("content-type", bytes("application/json"));
            producer.send(valid).get();
        }

        // other tests dead-letter events of their own (keys other than these)
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil("palisade.ingest.dlq",
                rs -> ours(rs).size() >= 2, Duration.ofSeconds(60));
        dead = ours(dead);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(TopicReader.header(dead.get(0), "trace")).isEqualTo("t-1");
        assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).contains("not valid JSON");
        assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(invalidResource);
        assertThat(TopicReader.header(dead.get(1), "dead-letter-reason")).contains("spec.colour");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (viewer().get(BASE + "/nodes/intake-node").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        viewer().get(BASE + "/nodes/intake-node").then().statusCode(200)
                .body("metadata.labels.zone", equalTo("a"))
                .body("spec.interfaces[0].name", equalTo("eth0"));
        viewer().queryParam("kind", "Node").queryParam("name", "intake-node").get("/audit").then().statusCode(200)
                .body("items[0].actor", equalTo("event:/tests/k8s"));
    }

    private static List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> "m".equals(r.key()) || "i".equals(r.key())).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
