package dev.palisade.ingest.it;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.palisade.ingest.it.ApiTest.BASE;
import static dev.palisade.ingest.it.ApiTest.editor;
import static dev.palisade.ingest.it.ApiTest.hep;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class PublicationTest {

    private static final int CLIENTS = 50;
    private static final int ROUNDS = 3;
    private final ResourceEventCodec events = new ResourceEventCodec(new ResourceCodec());

    @Test
    void concurrentReplacesHaveOneWinnerPerRevisionAndTheTopicHoldsTheWinnersInOrder() throws Exception {
        String key = "HostEndpoint/_/pub-race";
        Response created = editor().contentType("application/yaml").body(hep("pub-race", "")).post(BASE + "/hostendpoints");
        created.then().statusCode(201);
        long createdRevision = Long.parseLong(created.path("metadata.resourceVersion"));

        Map<Long, String> winners = new ConcurrentHashMap<>();
        List<Integer> refusals = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                go.await();
                for (int round = 0; round < ROUNDS; round++) {
                    String version = editor().get(BASE + "/hostendpoints/pub-race").path("metadata.resourceVersion");
                    String writer = "c" + client + "-r" + round;
                    String body = hep("pub-race", "writer: " + writer)
                            .replace("  name: pub-race", "  name: pub-race\n  resourceVersion: \"" + version + "\"");
                    Response put = editor().contentType("application/yaml").body(body).put(BASE + "/hostendpoints/pub-race");
                    if (put.statusCode() == 200) {
                        String previous = winners.put(Long.parseLong(put.path("metadata.resourceVersion")), writer);
                        assertThat(previous).as("two winners for one revision").isNull();
                    } else {
                        refusals.add(put.statusCode());
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(winners).isNotEmpty();
        assertThat(winners.size() + refusals.size()).isEqualTo(CLIENTS * ROUNDS);
        assertThat(refusals).as("losers get 409").allMatch(code -> code == 409);

        List<Long> expected = winners.keySet().stream().sorted().toList();
        long last = expected.getLast();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil("palisade.resources",
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())
                        && Long.parseLong(TopicReader.header(r, "palisade-revision")) >= last),
                Duration.ofSeconds(60));
        List<ResourceEvent> published = records.stream().filter(r -> key.equals(r.key()))
                .map(r -> events.decode(r.value()))
                .filter(e -> e.revision() > createdRevision)
                .toList();

        assertThat(published).extracting(ResourceEvent::revision).containsExactlyElementsOf(expected);
        for (ResourceEvent event : published) {
            assertThat(event.resource().metadata().labels()).containsEntry("writer", winners.get(event.revision()));
            assertThat(event.resource().metadata().resourceVersion()).isEqualTo(Long.toString(event.revision()));
        }
    }

    @Test
    void deletesArePublishedAsRevisionedMarkers() {
        Response created = editor().contentType("application/yaml").body(hep("pub-delete", "")).post(BASE + "/hostendpoints");
        created.then().statusCode(201);
        long createdRevision = Long.parseLong(created.path("metadata.resourceVersion"));
        editor().delete(BASE + "/hostendpoints/pub-delete").then().statusCode(200);

        String key = "HostEndpoint/_/pub-delete";
        List<ResourceEvent> published = TopicReader.readUntil("palisade.resources",
                        rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= 2, Duration.ofSeconds(30))
                .stream().filter(r -> key.equals(r.key())).map(r -> events.decode(r.value())).toList();

        assertThat(published).hasSize(2);
        assertThat(published.get(0).revision()).isEqualTo(createdRevision);
        assertThat(published.get(0).isDelete()).isFalse();
        assertThat(published.get(1).isDelete()).isTrue();
        assertThat(published.get(1).revision()).isGreaterThan(createdRevision);
    }
}
