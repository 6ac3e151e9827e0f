package dev.palisade.driver.adapter;

import dev.palisade.driver.Lab;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.resource.Action;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.NetNs;
import dev.palisade.testkit.ServiceAcls;
import dev.palisade.testkit.TestPki;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver as deployed: a real broker, the node's records on its partition of palisade.dataplane and the
 * shared ones on partition 0 (other nodes' records beside them), enforcement in a node namespace, status read
 * back from palisade.status.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaDriverTest {

    private static final String NODE_IP = "198.18.0.1";
    private static final PolicyEntry WEB_80 = policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of());
    private static final PolicyEntry WEB_8080 = policy("web", List.of(toPort(Action.Allow, TCP, 8080)), List.of());

    private final DataplaneCodec codec = new DataplaneCodec();

    @Test
    void enforcesCompleteBatchesOnlyReportsStatusAndRestartsWithoutRewriting(KafkaBroker kafka) throws Exception {
        int partitions = 4;
        assertThat(DataplaneKey.partitionFor(NODE, partitions)).as("the node's partition is not the shared one")
                .isNotEqualTo(DataplaneKey.SHARED_PARTITION);
        String dataplane = "palisade.dataplane.t1";
        String status = "palisade.status.t1";
        createTopics(kafka, dataplane, partitions, status);
        try (NetNs node = NetNs.create("knode"); NetNs ext = NetNs.create("kext"); Lab lab = new Lab();
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            wire(node, ext, lab);
            Topic topic = new Topic(producer, dataplane, partitions);

            // another node's complete batch, denying everything, beside the shared records on partition 0
            assertThat(DataplaneKey.partitionFor("other", partitions)).isEqualTo(DataplaneKey.SHARED_PARTITION);
            topic.node("other", 1, 0, hep("hep-eth0", "eth0", PolicyLists.EMPTY));
            topic.shared(10, List.of(NODE), WEB_80);
            topic.node(NODE, 10, 10, config(), hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
            // an unfinished shared batch: must not be applied
            topic.records(WEB_8080);
            producer.flush();

            DriverOptions options = options(kafka, node, dataplane, status);
            String rulesBefore;
            try (StatusReader statuses = new StatusReader(kafka, status);
                 DataplaneDriver driver = DataplaneDriver.start(options)) {
                DataplaneStatus enforced = statuses.await(s -> s.enforcedRevision() == 10);
                assertThat(enforced.node()).isEqualTo(NODE);
                assertThat(enforced.lastError()).isNull();
                assertThat(enforced.rules()).isPositive();
                assertThat(enforced.sets()).isPositive();
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("unfinished batch").isEqualTo("timeout");

                // a shared batch of a flush that did not touch this node: in force with the node state it has
                topic.shared(11, List.of("other"));
                producer.flush();
                statuses.await(s -> s.enforcedRevision() == 11);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("timeout");

                // a batch with a record this driver cannot read is reported and not applied at all, not even
                // its readable records; those come into force with the next batch read completely
                producer.send(new ProducerRecord<>(dataplane, DataplaneKey.SHARED_PARTITION,
                        "shared/policy/gnp/broken", "{\"formatVersion\":2}".getBytes(StandardCharsets.UTF_8)));
                topic.shared(12, List.of(), WEB_80);
                producer.flush();
                DataplaneStatus broken = statuses.await(s -> s.lastError() != null);
                assertThat(broken.lastError()).contains("gnp/broken").contains("formatVersion").contains("revision 12");
                assertThat(broken.attemptedRevision()).isEqualTo(12);
                assertThat(broken.enforcedRevision()).isEqualTo(11);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("previous ruleset kept").isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("rejected batch not applied").isEqualTo("timeout");

                topic.shared(13, List.of());
                producer.flush();
                DataplaneStatus next = statuses.await(s -> s.enforcedRevision() == 13);
                assertThat(next.lastError()).isNull();
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("next complete batch applied").isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("timeout");

                // one flush changing both: the node batch, sent first, needs the shared batch of its revision
                topic.node(NODE, 14, 14, hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web", "gnp/extra"))));
                producer.flush();
                topic.shared(14, List.of(NODE), policy("extra", List.of(toPort(Action.Allow, TCP, 9000)), List.of()));
                producer.flush();
                statuses.await(s -> s.enforcedRevision() == 14 && s.lastError() == null);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 9000)).isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
                rulesBefore = listWithHandles(node);
            }
            // restart: rebuilt from the topic and the kernel; the table in force is not rewritten
            try (StatusReader statuses = new StatusReader(kafka, status);
                 DataplaneDriver driver = DataplaneDriver.start(options)) {
                statuses.await(s -> s.enforcedRevision() == 14 && s.lastError() == null);
                assertThat(listWithHandles(node)).isEqualTo(rulesBefore);
                assertThat(driver.loop().metrics().transactions()).as("sets rewritten whole, chains untouched")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void nodeOnTheSharedPartitionSkipsSharedChangesItDoesNotReach(KafkaBroker kafka) throws Exception {
        int partitions = 3;
        assertThat(DataplaneKey.partitionFor(NODE, partitions)).isEqualTo(DataplaneKey.SHARED_PARTITION);
        String dataplane = "palisade.dataplane.t2";
        String status = "palisade.status.t2";
        createTopics(kafka, dataplane, partitions, status);
        try (NetNs node = NetNs.create("knode2"); NetNs ext = NetNs.create("kext2"); Lab lab = new Lab();
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            wire(node, ext, lab);
            Topic topic = new Topic(producer, dataplane, partitions);
            PolicyEntry db = policy("db", List.of(toPortFromSet(Action.Allow, TCP, 5432, "clients")), List.of());
            topic.shared(20, List.of(NODE, "node2"), WEB_80, ipSet("clients", "198.18.0.3/32"), db);
            topic.node(NODE, 20, 20, config(), hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
            topic.node("node2", 20, 20, config(), hep("hep-eth0", "eth0", ingress(tier("default", "gnp/db"))));
            producer.flush();

            try (StatusReader statuses = new StatusReader(kafka, status);
                 DataplaneDriver driver = DataplaneDriver.start(options(kafka, node, dataplane, status))) {
                statuses.await(s -> s.enforcedRevision() == 20);
                assertThat(node.exec("nft", "list", "table", "inet", "palisade").requireSuccess().stdout())
                        .as("node2's policy and set are not in node1's table").contains("gnp/web")
                        .doesNotContain("gnp/db").doesNotContain("198.18.0.3");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");

                topic.shared(21, List.of("node2"), ipSet("clients", "198.18.0.4/32"));
                topic.shared(22, List.of(), WEB_8080);
                producer.flush();
                statuses.await(s -> s.enforcedRevision() == 22);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("open");
                assertThat(statuses.seen()).as("no status for a shared batch node1 does not reach")
                        .noneMatch(s -> s.attemptedRevision() == 21 || s.enforcedRevision() == 21);
                assertThat(driver.loop().metrics().transactions()).isEqualTo(2);
            }
        }
    }

    /**
     * Against a broker that takes only SASL/SCRAM and denies what no ACL allows: given a client properties file
     * ({@code --kafka-config}) and Read on the dataplane topic, Write on the status topic, the driver reads its
     * batch, enforces it and reports. Without the file's login it could do neither.
     */
    @Test
    void authenticatesWithScramFromAKafkaConfigFile(@TempDir Path dir) throws Exception {
        String dataplane = "palisade.dataplane";
        String status = "palisade.status";
        try (KafkaBroker kafka = KafkaBroker.startWithScramOverTls(Map.of("driver", "driver-secret"), TestPki.create("driver"))) {
            createTopics(kafka.adminConfig(), dataplane, 2, status);
            ServiceAcls.driver(kafka, "driver");
            Path config = dir.resolve("kafka-client.properties");
            StringBuilder properties = new StringBuilder();
            kafka.clientConfig("driver").forEach((key, value) -> {
                if (!key.equals("bootstrap.servers")) {
                    properties.append(key).append('=').append(value).append('\n');
                }
            });
            Files.writeString(config, properties);
            try (NetNs node = NetNs.create("ksnode"); NetNs ext = NetNs.create("ksext"); Lab lab = new Lab();
                 KafkaProducer<String, byte[]> producer = producer(kafka.adminConfig())) {
                wire(node, ext, lab);
                Topic topic = new Topic(producer, dataplane, 2);
                topic.shared(30, List.of(NODE), WEB_80);
                topic.node(NODE, 30, 30, config(), hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
                producer.flush();
                DriverOptions options = DriverOptions.parse(new String[] {"--node", NODE, "--netns", node.name(),
                        "--bootstrap", kafka.bootstrapServers(), "--kafka-config", config.toString(),
                        "--dataplane-topic", dataplane, "--status-topic", status, "--interface-poll-ms", "200"},
                        Map.of());
                try (StatusReader statuses = new StatusReader(kafka.adminConfig(), status);
                     DataplaneDriver driver = DataplaneDriver.start(options)) {
                    DataplaneStatus enforced = statuses.await(s -> s.enforcedRevision() == 30);
                    assertThat(enforced.lastError()).isNull();
                    assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
                    assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("timeout");
                }
            }
        }
    }

    private static void createTopics(KafkaBroker kafka, String dataplane, int partitions, String status) throws Exception {
        createTopics(plain(kafka), dataplane, partitions, status);
    }

    private static void createTopics(Map<String, Object> client, String dataplane, int partitions, String status)
            throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(dataplane, partitions, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")), new NewTopic(status, 1, (short) 1)))
                    .all().get();
        }
    }

    private static void wire(NetNs node, NetNs ext, Lab lab) {
        node.veth("eth0", ext, "eth0");
        node.addAddress("eth0", NODE_IP + "/24");
        ext.addAddress("eth0", "198.18.0.2/24");
        lab.listen(node, "tcp:80", "tcp:8080", "tcp:9000");
    }

    private static DriverOptions options(KafkaBroker kafka, NetNs node, String dataplane, String status) {
        return DriverOptions.parse(new String[] {"--node", NODE, "--netns", node.name(),
                "--bootstrap", kafka.bootstrapServers(), "--dataplane-topic", dataplane, "--status-topic", status,
                "--drift-interval", "1", "--interface-poll-ms", "200"}, Map.of());
    }

    /** Publishes as the calculator does: node records on the node's partition, shared ones on partition 0. */
    private final class Topic {
        private final KafkaProducer<String, byte[]> producer;
        private final String name;
        private final int partitions;

        Topic(KafkaProducer<String, byte[]> producer, String name, int partitions) {
            this.producer = producer;
            this.name = name;
            this.partitions = partitions;
        }

        void node(String node, long revision, long sharedRevision, DataplaneEntry... entries) {
            for (DataplaneEntry e : entries) {
                send(DataplaneKey.of(node, e), e);
            }
            send(DataplaneKey.of(node, BatchBarrier.forNode(revision, sharedRevision)),
                    BatchBarrier.forNode(revision, sharedRevision));
        }

        void shared(long revision, List<String> nodes, DataplaneEntry... entries) {
            records(entries);
            BatchBarrier barrier = BatchBarrier.forShared(revision, nodes);
            send(DataplaneKey.shared(barrier.type(), barrier.id()), barrier);
        }

        /** Shared records without their barrier. */
        void records(DataplaneEntry... entries) {
            for (DataplaneEntry e : entries) {
                send(DataplaneKey.shared(e.type(), e.id()), e);
            }
        }

        private void send(DataplaneKey key, DataplaneEntry entry) {
            producer.send(new ProducerRecord<>(name, key.partition(partitions), key.toString(), codec.encode(entry)));
        }
    }

    private static String listWithHandles(NetNs node) {
        return node.exec("nft", "-a", "list", "chains", "inet").requireSuccess().stdout()
                + node.exec("nft", "-a", "list", "chain", "inet", "palisade", "pi-gnp/web").requireSuccess().stdout();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return producer(plain(kafka));
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> client) {
        return new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> plain(KafkaBroker kafka) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    /** palisade.status from its end as of creation: every status read is kept. */
    private final class StatusReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<DataplaneStatus> seen = new ArrayList<>();
        private int checked; // statuses before this index were looked at by an earlier await

        StatusReader(KafkaBroker kafka, String topic) {
            this(plain(kafka), topic);
        }

        StatusReader(Map<String, Object> client, String topic) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
        }

        DataplaneStatus await(Predicate<DataplaneStatus> wanted) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(codec.decodeStatus(r.value()));
                }
                while (checked < seen.size()) {
                    DataplaneStatus s = seen.get(checked++);
                    if (wanted.test(s)) {
                        return s;
                    }
                }
            }
            throw new AssertionError("no wanted status within 30 s; seen: " + seen);
        }

        List<DataplaneStatus> seen() {
            return seen;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
