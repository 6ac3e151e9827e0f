package dev.palisade.ingest.it;

import dev.palisade.model.resource.Kind;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import dev.palisade.testkit.fuzz.CloudEventMutator;
import dev.palisade.testkit.fuzz.InputMutator;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static dev.palisade.ingest.it.ApiTest.BASE;
import static dev.palisade.ingest.it.ApiTest.editor;
import static dev.palisade.ingest.it.ApiTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated CloudEvents (fixed seed; {@code -Dpalisade.fuzz.events=10000} for a longer run) through the real
 * intake topic: the consumer never stalls (a valid event sent after all of them is applied), every event it
 * could not apply is on the dead-letter topic once, with a reason that names what was wrong rather than an
 * exception from inside the service. What the run created is deleted afterwards.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class CloudEventFuzzTest {

    private static final String PREFIX = "cefuzz";
    private static final String SENTINEL = "cefuzz.sentinel";
    private static final long SEED = 23;
    private static final int EVENTS = Integer.getInteger("palisade.fuzz.events", 500);
    /** What an exception escaping from inside the service looks like, as opposed to a refusal with a reason. */
    private static final Pattern INTERNAL = Pattern.compile(
            "NullPointer|ClassCast|IndexOutOfBounds|IllegalState|UnsupportedOperation|Cannot invoke|because \"");

    @Test
    void mutatedEventsAreAppliedOrDeadLetteredWithAReasonAndTheConsumerKeepsGoing() throws Exception {
        CloudEventMutator mutator = new CloudEventMutator(InputMutator.fromDirectory(Path.of("../examples/seeds")), PREFIX);
        Random random = new Random(SEED);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.bootstrap(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                CloudEventMutator.Event event = mutator.next(random, i);
                var record = new ProducerRecord<>("palisade.ingest", event.key(), event.value());
                event.headers().forEach((name, value) -> record.headers().add(name, bytes(value)));
                sent.add(producer.send(record));
            }
            for (var ack : sent) {
                ack.get(); // every fuzzed event is on the topic before the sentinels
            }
            // the test broker makes one partition per topic: the intake reads these after every fuzzed event, and the
            // dead-letter producer writes in order, so the second one's dead letter comes after all the others
            producer.send(nodeEvent(SENTINEL + "-ok", "{\"name\":\"" + PREFIX + "-sentinel\"}")).get();
            producer.send(nodeEvent(SENTINEL + "-bad", "{\"name\":\"" + PREFIX + "-sentinel\",\"colour\":1}")).get();
        }
        try {
            Duration timeout = Duration.ofSeconds(Math.max(120, EVENTS / 10));
            Eventually.await(timeout, "a valid event applied after " + EVENTS + " fuzzed events",
                    () -> viewer().get(BASE + "/nodes/" + PREFIX + "-sentinel").statusCode() == 200);
            List<ConsumerRecord<String, byte[]>> dead = ours(TopicReader.readUntil("palisade.ingest.dlq",
                    rs -> rs.stream().anyMatch(r -> (SENTINEL + "-bad").equals(r.key())), timeout));
            List<String> problems = new ArrayList<>();
            Map<String, Integer> perKey = new TreeMap<>();
            Map<String, Integer> reasons = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> record : dead) {
                perKey.merge(record.key(), 1, Integer::sum);
                String reason = TopicReader.header(record, "dead-letter-reason");
                if (reason == null || reason.isBlank()) {
                    problems.add(record.key() + ": dead-lettered without a reason");
                } else if (INTERNAL.matcher(reason).find()) {
                    problems.add(record.key() + ": " + reason);
                } else {
                    String shape = reason.replaceAll("[0-9]+", "N").replaceAll("\"[^\"]*\"", "\"…\"");
                    reasons.merge(shape.substring(0, Math.min(70, shape.length())), 1, Integer::sum);
                }
            }
            perKey.forEach((key, times) -> {
                if (times > 1) {
                    problems.add(key + ": dead-lettered " + times + " times");
                }
            });
            System.out.printf("cloudevent fuzz seed %d: %d events, %d dead-lettered, %d applied or deleted%n",
                    SEED, EVENTS, perKey.size(), EVENTS - perKey.size());
            reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
            assertThat(problems).as("dead letters that do not say what was wrong").isEmpty();
            assertThat(perKey.size()).as("most mutated events are refused").isGreaterThan(EVENTS / 3);
            assertThat(perKey.size()).as("some events survive their mutation and are applied").isLessThan(EVENTS);
        } finally {
            deleteWhatTheRunCreated();
        }
    }

    private static ProducerRecord<String, byte[]> nodeEvent(String key, String data) {
        var record = new ProducerRecord<String, byte[]>("palisade.ingest", key, bytes(data));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(key))
                .add("ce_source", bytes("/fuzz/cloudevents")).add("ce_type", bytes("io.k8s.node.added"))
                .add("content-type", bytes("application/json"));
        return record;
    }

    private static List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.key() != null && r.key().startsWith(PREFIX + "-")).toList();
    }

    private static void deleteWhatTheRunCreated() {
        for (Kind kind : Kind.values()) {
            String collection = "/apis/" + kind.apiVersion() + (kind.namespaced() ? "/namespaces/" + PREFIX : "")
                    + "/" + kind.plural();
            List<String> names = viewer().get(collection).then().statusCode(200).extract().jsonPath()
                    .getList("items.metadata.name", String.class);
            for (String name : names) {
                if (name.startsWith(PREFIX + "-")) {
                    editor().delete(collection + "/" + name).then().statusCode(200);
                }
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
