package dev.palisade.calculator.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine loop against a real broker, on fresh topics per test: it publishes each node once, only when in
 * sync, in the node's partition, ending with a barrier; follows changes; skips duplicate and older revisions;
 * and after a restart republishes nothing unchanged yet misses nothing that changed while it was down.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CalculatorLoopTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    record Settings(String resourcesTopic, int resourcesPartitions, String dataplaneTopic, int dataplanePartitions,
                    short replicationFactor, Duration pollTimeout, Duration retryDelay, Optional<String> groupId,
                    Duration groupSessionTimeout) implements CalculatorSettings {
    }

    private final List<Running> running = new ArrayList<>();
    private Settings settings;
    private TestTopics topics;
    private String bootstrap;

    private record Running(CalculatorLoop loop, Thread thread, SimpleMeterRegistry registry) {
        double counter(String name, String outcome) {
            var c = registry.find(name).tag("outcome", outcome).counter();
            return c == null ? 0 : c.count();
        }
    }

    @BeforeEach
    void freshTopics(KafkaBroker broker) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        settings = new Settings("resources-" + suffix, 2, "dataplane-" + suffix, PARTITIONS, (short) 1,
                Duration.ofMillis(50), Duration.ofMillis(200), Optional.empty(), Duration.ofSeconds(10));
        bootstrap = broker.bootstrapServers();
        topics = new TestTopics(bootstrap);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Running r : running) {
            stop(r);
        }
    }

    private Running start() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CalculatorLoop loop = new CalculatorLoop(new KafkaClients(Map.of("bootstrap.servers", bootstrap), settings,
                "test"), settings, new CalculatorMetrics(registry));
        Thread thread = Thread.ofPlatform().name("test-engine").start(loop);
        Running r = new Running(loop, thread, registry);
        running.add(r);
        TestTopics.await(WAIT, "in sync", loop::inSync);
        return r;
    }

    private void stop(Running r) throws InterruptedException {
        r.loop().stop();
        r.thread().join(10_000);
        assertThat(r.thread().isAlive()).as("engine thread stopped").isFalse();
    }

    static Resource hep(String name, String node, String role, String ip) {
        return TestTopics.yaml("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: %s, labels: {role: %s}}
                spec: {node: %s, interfaceName: eth0, expectedIPs: [%s]}
                """.formatted(name, role, node, ip));
    }

    static final Resource APP_TO_DB = TestTopics.yaml("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: app-to-db}
            spec:
              selector: role == 'db'
              ingress:
              - {action: Allow, protocol: TCP, source: {selector: role == 'app'}, destination: {ports: [5432]}}
            """);

    /** Writes the initial log, with intermediate states that must never reach the dataplane topic. */
    private void writeInitialLog() {
        String t = settings.resourcesTopic();
        TopicSetup.ensure(Map.of("bootstrap.servers", bootstrap), settings);
        topics.upsert(t, 1, hep("h1", "n1", "web", "198.18.0.1"));
        topics.upsert(t, 2, hep("h2", "n2", "app", "198.18.0.2"));
        topics.upsert(t, 3, APP_TO_DB);
        topics.upsert(t, 4, hep("h1", "n1", "db", "198.18.0.1"));
        topics.upsert(t, 5, hep("h3", "n3", "db", "198.18.0.3"));
        topics.delete(t, 6, hep("h3", "n3", "db", "198.18.0.3").key());
    }

    private List<DataplaneMessage> messages(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(TestTopics::decode).toList();
    }

    /** Records by stream: the node's name, or "shared". */
    private static Map<String, List<DataplaneMessage>> byNode(List<DataplaneMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(m -> m.key().isShared() ? "shared" : m.key().node(),
                LinkedHashMap::new, Collectors.toList()));
    }

    @Test
    void publishesEachNodeOnceWhenInSyncInItsPartitionEndingWithTheBarrier() throws Exception {
        writeInitialLog();
        start();

        List<ConsumerRecord<String, byte[]>> records = topics.readAll(settings.dataplaneTopic());
        for (ConsumerRecord<String, byte[]> r : records) {
            DataplaneKey key = DataplaneKey.parse(r.key());
            assertThat(r.partition()).as("partition of %s", r.key())
                    .isEqualTo(key.isShared() ? DataplaneKey.SHARED_PARTITION : DataplaneKey.partitionFor(key.node(), PARTITIONS));
        }
        Map<String, List<DataplaneMessage>> streams = byNode(messages(records));
        assertThat(streams).as("n3's endpoint came and went before the calculator was in sync")
                .containsOnlyKeys("shared", "n1", "n2");
        streams.forEach((stream, batch) -> {
            assertThat(batch.getLast().entry()).as("last record of %s", stream).isEqualTo(stream.equals("shared")
                    ? BatchBarrier.forShared(6, List.of("n1", "n2")) : BatchBarrier.forNode(6, 6));
            assertThat(batch).as("one batch, each key once: nothing before in sync")
                    .extracting(DataplaneMessage::key).doesNotHaveDuplicates();
            assertThat(batch).noneMatch(DataplaneMessage::isTombstone);
        });
        assertThat(streams.get("shared")).extracting(DataplaneMessage::key)
                .as("the policy h1 uses, published once").contains(DataplaneKey.shared(EntryType.POLICY, "gnp/app-to-db"));
        assertThat(streams.get("n1")).extracting(DataplaneMessage::key)
                .contains(new DataplaneKey("n1", EntryType.ENDPOINT, "h1"));
        assertThat(streams.get("n2")).as("h2 is role=app: the policy does not apply to it")
                .noneMatch(m -> m.entry() instanceof EndpointEntry e && !e.normal().ingress().isEmpty());
    }

    @Test
    void followsChangesAndSkipsDuplicateAndOlderRevisions() throws Exception {
        writeInitialLog();
        Running calc = start();
        String t = settings.resourcesTopic();
        String out = settings.dataplaneTopic();
        Map<Integer, Long> synced = topics.mark(out);

        topics.upsert(t, 7, hep("h2", "n2", "db", "198.18.0.2"));
        TestTopics.await(WAIT, "batch for revision 7", () -> barrierRevisions().contains(7L));
        Map<String, List<DataplaneMessage>> seven = byNode(messages(topics.since(out, synced)));
        assertThat(seven.get("n2")).as("h2 is role=db now: the policy applies to it")
                .anyMatch(m -> m.entry() instanceof EndpointEntry e && !e.normal().ingress().isEmpty());
        assertThat(seven.get("n2").getLast().entry()).isEqualTo(BatchBarrier.forNode(7, 7));
        assertThat(seven.get("shared")).as("h2 left the role=app set").extracting(DataplaneMessage::key)
                .anyMatch(k -> k.type() == EntryType.IP_SET);
        Map<Integer, Long> afterSeven = topics.mark(out);

        // a duplicate of revision 7 with other content, and an older revision of h1 (last 4): both skipped
        topics.upsert(t, 7, hep("h2", "n2", "app", "198.18.0.2"));
        topics.upsert(t, 3, hep("h1", "n1", "web", "198.18.0.1"));
        TestTopics.await(WAIT, "two stale events counted",
                () -> calc.counter("palisade.calc.resource.events", "stale") == 2);
        // a marker change on a node of its own: everything published after revision 7 must be its batch
        topics.upsert(t, 8, hep("h4", "n4", "web", "198.18.0.4"));
        TestTopics.await(WAIT, "batch for revision 8", () -> barrierRevisions().contains(8L));
        List<DataplaneMessage> eight = messages(topics.since(out, afterSeven));
        assertThat(byNode(eight)).containsOnlyKeys("n4");
        assertThat(eight.getLast().entry()).as("n4 needs the shared state of revision 7")
                .isEqualTo(BatchBarrier.forNode(8, 7));
    }

    private List<Long> barrierRevisions() {
        return messages(topics.readAll(settings.dataplaneTopic())).stream()
                .filter(m -> m.entry() instanceof BatchBarrier).map(m -> ((BatchBarrier) m.entry()).revision())
                .toList();
    }

    @Test
    void aRestartRepublishesNothingUnchangedAndMissesNothingThatChangedMeanwhile() throws Exception {
        writeInitialLog();
        stop(start());
        String out = settings.dataplaneTopic();
        long published = topics.recordCount(out);
        Map<Integer, Long> firstRun = topics.mark(out);

        Running second = start();
        assertThat(topics.recordCount(settings.dataplaneTopic())).as("nothing republished after a restart")
                .isEqualTo(published);
        stop(second);

        String t = settings.resourcesTopic();
        Resource h1web = hep("h1", "n1", "web", "198.18.0.1");
        topics.upsert(t, 7, h1web);
        topics.delete(t, 8, hep("h2", "n2", "app", "198.18.0.2").key());
        start();
        List<DataplaneMessage> changes = messages(topics.since(out, firstRun));
        assertThat(byNode(changes)).as("only streams whose state changed").containsOnlyKeys("shared", "n1", "n2");
        assertThat(byNode(changes).get("n2")).as("n2 lost its only endpoint: everything withdrawn")
                .allMatch(m -> m.isTombstone() || m.entry() instanceof BatchBarrier);

        Map<DataplaneKey, DataplaneMessage> onTopic = withoutBarriers(topics.compacted(settings.dataplaneTopic()));
        assertThat(onTopic).as("the topic equals a cold start on the final resources")
                .isEqualTo(coldStart(List.of(h1web, APP_TO_DB)));

        long afterChanges = topics.recordCount(settings.dataplaneTopic());
        stop(running.getLast());
        start();
        assertThat(topics.recordCount(settings.dataplaneTopic())).isEqualTo(afterChanges);
    }

    @Test
    void aBatchLeftUnfinishedByADeadPredecessorGetsItsBarrier() throws Exception {
        writeInitialLog();
        stop(start());
        String out = settings.dataplaneTopic();
        ConsumerRecord<String, byte[]> endpoint = topics.readAll(out).stream()
                .filter(r -> r.key().equals("node/n1/endpoint/h1")).findFirst().orElseThrow();
        // the predecessor re-sent an unchanged value and died before the barrier
        topics.send(out, endpoint.partition(), endpoint.key(), endpoint.value());
        Map<Integer, Long> died = topics.mark(out);

        start();
        assertThat(messages(topics.since(out, died))).as("only n1's closing barrier")
                .containsExactly(DataplaneMessage.set("n1", BatchBarrier.forNode(6, 6)));
    }

    @Test
    void aNodeTheLastSharedBarrierNamedGetsItsBarrierWhenThePredecessorDiedBeforeIt() throws Exception {
        writeInitialLog();
        stop(start());
        String out = settings.dataplaneTopic();
        // revision 7 rewrites h2 unchanged; the predecessor published a shared batch at 7 naming n2 (whatever it
        // held was undone since) and died before n2's batch
        topics.upsert(settings.resourcesTopic(), 7, hep("h2", "n2", "app", "198.18.0.2"));
        topics.send(out, DataplaneKey.SHARED_PARTITION, "shared/barrier/batch", new DataplaneCodec().encode(
                BatchBarrier.forShared(7, List.of("n2"))));
        Map<Integer, Long> died = topics.mark(out);

        start();
        assertThat(messages(topics.since(out, died))).as("n2's driver waits for a barrier at least as new as 7")
                .containsExactly(DataplaneMessage.set("n2", BatchBarrier.forNode(7, 7)));
    }

    private static Map<DataplaneKey, DataplaneMessage> withoutBarriers(Map<DataplaneKey, DataplaneMessage> state) {
        Map<DataplaneKey, DataplaneMessage> out = new HashMap<>(state);
        out.keySet().removeIf(k -> k.type() == EntryType.BARRIER);
        return out;
    }

    private static Map<DataplaneKey, DataplaneMessage> coldStart(List<Resource> resources) {
        Map<DataplaneKey, DataplaneMessage> state = new HashMap<>();
        CalcGraph graph = CalcGraphFactory.create((node, batch) -> batch.forEach(m -> state.put(m.key(), m)));
        resources.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(1);
        return withoutBarriers(state);
    }
}
