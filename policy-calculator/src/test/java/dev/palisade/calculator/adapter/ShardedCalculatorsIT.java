package dev.palisade.calculator.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three packaged calculators in one consumer group share the dataplane topic's partitions against a real broker.
 * While a stream of changes is being written, the one publishing the shared stream is killed with SIGKILL; the
 * other two take its partitions over. In the end every node's stream, and the shared stream, carries the final
 * revision, the topic equals what a single calculator publishes from a cold start, and no stream ever got a
 * barrier revision twice or an older one after a newer one.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ShardedCalculatorsIT {

    private static final int PARTITIONS = 6;
    private static final int NODES = 12;
    private static final int CHANGES = 60;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern OWNED = Pattern.compile("publishing the streams of \\S+ partitions \\[([0-9, ]*)]");
    private static final String[] ROLES = {"web", "db", "app"};

    private final List<ServerProcess> calculators = new ArrayList<>();

    @AfterEach
    void stopCalculators() {
        calculators.forEach(ServerProcess::stop);
    }

    @Test
    void calculatorsShareTheNodesAndTheSurvivorsTakeOverAKilledOnesNodes(KafkaBroker kafka) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String resources = "resources-" + suffix;
        String dataplane = "dataplane-" + suffix;
        TopicSetup.ensure(Map.of("bootstrap.servers", kafka.bootstrapServers()), new CalculatorLoopTest.Settings(
                resources, 1, dataplane, PARTITIONS, (short) 1, Duration.ofMillis(100), Duration.ofMillis(500),
                Optional.empty(), Duration.ofSeconds(6)));
        TestTopics topics = new TestTopics(kafka.bootstrapServers());
        Map<ResourceKey, Resource> store = new LinkedHashMap<>();
        long revision = 0;
        for (Resource r : world()) {
            topics.upsert(resources, ++revision, r);
            store.put(r.key(), r);
        }

        for (int i = 0; i < 3; i++) {
            calculators.add(start("calculator-" + i, kafka, resources, dataplane));
        }
        TestTopics.await(WAIT, "the group divided all " + PARTITIONS + " partitions among the three",
                () -> owned(calculators).equals(allPartitions()));

        Random random = new Random(15);
        ServerProcess killed = null;
        for (int i = 0; i < CHANGES; i++) {
            Resource changed = change(random, i);
            topics.upsert(resources, ++revision, changed);
            store.put(changed.key(), changed);
            if (i == CHANGES / 3) {
                killed = calculators.stream().filter(c -> latestOwned(c).contains(DataplaneKey.SHARED_PARTITION))
                        .findFirst().orElseThrow();
                killed.kill();
            }
            Thread.sleep(100); // pacing the writer: the stream must still be running when the group rebalances
        }
        // the last change reaches every node's configuration: every node stream must end at this revision
        Resource last = TestTopics.yaml("""
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {logPrefix: final}
                """);
        long finalRevision = ++revision;
        topics.upsert(resources, finalRevision, last);
        store.put(last.key(), last);

        List<ServerProcess> survivors = calculators.stream().filter(ServerProcess::isAlive).toList();
        assertThat(survivors).hasSize(2).doesNotContain(killed);
        TestTopics.await(WAIT, "the two survivors own every partition",
                () -> owned(survivors).equals(allPartitions()));
        Map<DataplaneKey, DataplaneMessage> expected = coldStart(store.values(), finalRevision);
        Set<String> nodes = expected.keySet().stream().filter(k -> !k.isShared()).map(DataplaneKey::node)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(nodes).hasSize(NODES);
        TestTopics.await(WAIT, "every stream at the final revision " + finalRevision, () -> {
            Map<DataplaneKey, DataplaneMessage> state = topics.compacted(dataplane);
            return nodes.stream().allMatch(n -> barrierRevision(state, n) == finalRevision)
                    && barrierRevision(state, null) == finalRevision;
        });

        Map<DataplaneKey, DataplaneMessage> onTopic = topics.compacted(dataplane);
        assertThat(withoutBarriers(onTopic)).as("the topic equals a single calculator's cold start")
                .isEqualTo(withoutBarriers(expected));
        Map<String, List<Long>> barriers = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : topics.readAll(dataplane)) {
            DataplaneMessage m = TestTopics.decode(record);
            if (m.key().type() == EntryType.BARRIER && m.entry() instanceof BatchBarrier b) {
                barriers.computeIfAbsent(m.key().isShared() ? "shared" : m.key().node(), k -> new ArrayList<>())
                        .add(b.revision());
            }
        }
        barriers.forEach((stream, revisions) -> assertThat(revisions)
                .as("barrier revisions of %s, in topic order", stream).isSorted().doesNotHaveDuplicates());
        long sharedBarrier = barrierRevision(onTopic, null);
        for (String node : nodes) {
            BatchBarrier b = (BatchBarrier) onTopic.get(new DataplaneKey(node, EntryType.BARRIER, BatchBarrier.ID))
                    .entry();
            assertThat(b.sharedRevision()).as("shared revision %s needs", node).isLessThanOrEqualTo(sharedBarrier);
        }
        assertThat(latestOwned(survivors.get(0))).as("the survivors split the partitions")
                .isNotEmpty().doesNotContainAnyElementsOf(latestOwned(survivors.get(1)));
    }

    private static List<Resource> world() {
        List<Resource> out = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            for (int h = 0; h < 3; h++) {
                out.add(hep("h" + n + "-" + h, "node-" + n, ROLES[(n + h) % ROLES.length], n, h));
            }
        }
        for (String role : ROLES) {
            out.add(policy(role, "role == '" + role + "'", "web"));
        }
        out.add(TestTopics.yaml("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: admins, labels: {kind: admin}}
                spec: {nets: [198.18.200.0/24]}
                """));
        return out;
    }

    /** A label change, a policy's selector or peer change, or a network-set change; all nodes get some. */
    private static Resource change(Random random, int i) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                int n = random.nextInt(NODES);
                int h = random.nextInt(3);
                yield hep("h" + n + "-" + h, "node-" + n, ROLES[random.nextInt(ROLES.length)], n, h);
            }
            case 2 -> {
                String role = ROLES[random.nextInt(ROLES.length)];
                yield policy(role, random.nextBoolean() ? "role == '" + role + "'" : "has(role)",
                        ROLES[random.nextInt(ROLES.length)]);
            }
            default -> TestTopics.yaml("""
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: admins, labels: {kind: admin}}
                    spec: {nets: [198.18.201.%d/32]}
                    """.formatted(i));
        };
    }

    private static Resource hep(String name, String node, String role, int n, int h) {
        return CalculatorLoopTest.hep(name, node, role, "198.18." + n + "." + (h + 1));
    }

    private static Resource policy(String role, String selector, String peer) {
        return TestTopics.yaml("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: allow-%s}
                spec:
                  selector: %s
                  ingress:
                  - {action: Allow, protocol: TCP, source: {selector: role == '%s'}, destination: {ports: [443]}}
                  - {action: Allow, source: {selector: kind == 'admin'}}
                """.formatted(role, "\"" + selector + "\"", peer));
    }

    private static ServerProcess start(String name, KafkaBroker kafka, String resources, String dataplane) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int port = Ports.freeLoopbackPort();
        ServerProcess process = ServerProcess.start(name, List.of(java, "-Xmx192m", "-XX:+UseSerialGC",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dpalisade.calculator.resources-topic=" + resources,
                "-Dpalisade.calculator.dataplane-topic=" + dataplane,
                "-Dpalisade.calculator.group-id=calculators-" + dataplane,
                "-Dpalisade.calculator.group-session-timeout=6s",
                "-Dpalisade.calculator.poll-timeout=100ms",
                "-Dpalisade.calculator.retry-delay=500ms",
                "-Dquarkus.http.port=" + port,
                "-jar", System.getProperty("palisade.calculator.app")));
        process.awaitReady(WAIT, "/q/health/ready answering 200 (in sync)", () -> ready(port));
        return process;
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The partitions a calculator's last session publishes, from its log. */
    private static Set<Integer> latestOwned(ServerProcess calculator) {
        Matcher m = OWNED.matcher(calculator.logText());
        Set<Integer> owned = Set.of();
        while (m.find()) {
            owned = m.group(1).isBlank() ? Set.of() : java.util.Arrays.stream(m.group(1).split(", "))
                    .map(Integer::parseInt).collect(Collectors.toSet());
        }
        return owned;
    }

    /** What the calculators' last sessions own together, if no partition is owned twice; else empty. */
    private static Set<Integer> owned(List<ServerProcess> members) {
        Set<Integer> all = new TreeSet<>();
        for (ServerProcess c : members) {
            for (int p : latestOwned(c)) {
                if (!all.add(p)) {
                    return Set.of();
                }
            }
        }
        return all;
    }

    private static Set<Integer> allPartitions() {
        Set<Integer> all = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(p);
        }
        return all;
    }

    private static long barrierRevision(Map<DataplaneKey, DataplaneMessage> state, String nodeOrShared) {
        DataplaneMessage m = state.get(new DataplaneKey(nodeOrShared, EntryType.BARRIER, BatchBarrier.ID));
        return m != null && m.entry() instanceof BatchBarrier b ? b.revision() : -1;
    }

    private static Map<DataplaneKey, DataplaneMessage> coldStart(java.util.Collection<Resource> resources, long revision) {
        Map<DataplaneKey, DataplaneMessage> state = new HashMap<>();
        CalcGraph graph = CalcGraphFactory.create((node, batch) -> batch.forEach(m -> state.put(m.key(), m)));
        resources.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(revision);
        return state;
    }

    private static Map<DataplaneKey, DataplaneMessage> withoutBarriers(Map<DataplaneKey, DataplaneMessage> state) {
        return state.entrySet().stream().filter(e -> e.getKey().type() != EntryType.BARRIER)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
