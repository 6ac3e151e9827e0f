package dev.palisade.driver.adapter;

import dev.palisade.driver.Lab;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.resource.Action;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.NetNs;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver as deployed: a real broker, the node's records on its partition of palisade.dataplane (other
 * nodes' records beside them), enforcement in a node namespace, status read back from palisade.status.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaDriverTest {

    private static final int PARTITIONS = 3;
    private static final String NODE_IP = "198.18.0.1";

    private final DataplaneCodec codec = new DataplaneCodec();

    @Test
    void enforcesCompleteBatchesOnlyReportsStatusAndRestartsWithoutRewriting(KafkaBroker kafka) throws Exception {
        String dataplane = "palisade.dataplane.t1";
        String status = "palisade.status.t1";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(dataplane, PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")), new NewTopic(status, 1, (short) 1)))
                    .all().get();
        }
        try (NetNs node = NetNs.create("knode"); NetNs ext = NetNs.create("kext"); Lab lab = new Lab();
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            node.veth("eth0", ext, "eth0");
            node.addAddress("eth0", NODE_IP + "/24");
            ext.addAddress("eth0", "198.18.0.2/24");
            lab.listen(node, "tcp:80", "tcp:8080");

            // another node's complete batch, denying everything, on the same topic
            send(producer, dataplane, "other", hep("hep-eth0", "eth0", PolicyLists.EMPTY));
            send(producer, dataplane, "other", new BatchBarrier(1));
            send(producer, dataplane, NODE, config(), policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of()),
                    hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
            send(producer, dataplane, NODE, new BatchBarrier(10));
            // an unfinished batch: must not be applied
            send(producer, dataplane, NODE, policy("web", List.of(toPort(Action.Allow, TCP, 8080)), List.of()));
            producer.flush();

            DriverOptions options = DriverOptions.parse(new String[] {"--node", NODE, "--netns", node.name(),
                    "--bootstrap", kafka.bootstrapServers(), "--dataplane-topic", dataplane, "--status-topic", status,
                    "--drift-interval", "1", "--interface-poll-ms", "200"}, Map.of());
            String rulesBefore;
            try (KafkaConsumer<String, byte[]> statuses = statusConsumer(kafka, status);
                 DataplaneDriver driver = DataplaneDriver.start(options)) {
                DataplaneStatus enforced = awaitStatus(statuses, s -> s.enforcedRevision() == 10);
                assertThat(enforced.node()).isEqualTo(NODE);
                assertThat(enforced.lastError()).isNull();
                assertThat(enforced.rules()).isPositive();
                assertThat(enforced.sets()).isPositive();
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("unfinished batch").isEqualTo("timeout");

                send(producer, dataplane, NODE, new BatchBarrier(11));
                producer.flush();
                awaitStatus(statuses, s -> s.enforcedRevision() == 11);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("timeout");

                // a batch with a record this driver cannot read is reported and not applied at all, not even
                // its readable records; those come into force with the next batch read completely
                producer.send(new ProducerRecord<>(dataplane, DataplaneKey.partitionFor(NODE, PARTITIONS),
                        "node/" + NODE + "/policy/gnp/broken", "{\"formatVersion\":2}".getBytes(StandardCharsets.UTF_8)));
                send(producer, dataplane, NODE, policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of()),
                        new BatchBarrier(12));
                producer.flush();
                DataplaneStatus broken = awaitStatus(statuses, s -> s.lastError() != null);
                assertThat(broken.lastError()).contains("gnp/broken").contains("formatVersion").contains("revision 12");
                assertThat(broken.attemptedRevision()).isEqualTo(12);
                assertThat(broken.enforcedRevision()).isEqualTo(11);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("previous ruleset kept").isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("rejected batch not applied").isEqualTo("timeout");

                send(producer, dataplane, NODE, hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))),
                        new BatchBarrier(13));
                producer.flush();
                DataplaneStatus next = awaitStatus(statuses, s -> s.enforcedRevision() == 13);
                assertThat(next.lastError()).isNull();
                assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("next complete batch applied").isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("timeout");
                rulesBefore = listWithHandles(node);
            }
            // restart: rebuilt from the topic and the kernel; the table in force is not rewritten
            try (KafkaConsumer<String, byte[]> statuses = statusConsumer(kafka, status);
                 DataplaneDriver driver = DataplaneDriver.start(options)) {
                awaitStatus(statuses, s -> s.enforcedRevision() == 13 && s.lastError() == null);
                assertThat(listWithHandles(node)).isEqualTo(rulesBefore);
                assertThat(driver.loop().metrics().transactions()).as("sets rewritten whole, chains untouched")
                        .isEqualTo(1);
            }
        }
    }

    private static String listWithHandles(NetNs node) {
        return node.exec("nft", "-a", "list", "chains", "inet").requireSuccess().stdout()
                + node.exec("nft", "-a", "list", "chain", "inet", "palisade", "pi-gnp/web").requireSuccess().stdout();
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String node, DataplaneEntry... entries) {
        for (DataplaneEntry e : entries) {
            producer.send(new ProducerRecord<>(topic, DataplaneKey.partitionFor(node, PARTITIONS),
                    DataplaneKey.of(node, e).toString(), codec.encode(e)));
        }
    }

    private DataplaneStatus awaitStatus(KafkaConsumer<String, byte[]> consumer, Predicate<DataplaneStatus> wanted) {
        List<DataplaneStatus> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                DataplaneStatus s = codec.decodeStatus(r.value());
                seen.add(s);
                if (wanted.test(s)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no wanted status within 30 s; seen: " + seen);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> statusConsumer(KafkaBroker kafka, String topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        c.assign(List.of(tp));
        c.seekToEnd(List.of(tp));
        c.position(tp);
        return c;
    }
}
