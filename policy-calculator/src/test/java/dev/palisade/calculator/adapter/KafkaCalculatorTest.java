package dev.palisade.calculator.adapter;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calculator against a real broker: resource events in (a publisher's duplicate among them), per-node
 * batches out on the node's partition ending with a barrier at the revision read; a delete tombstones; a
 * restart reads back what it published and publishes nothing new.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaCalculatorTest {

    private static final String RESOURCES = "t.resources";
    private static final String DATAPLANE = "t.dataplane";
    private static final ResourceCodec RESOURCE_CODEC = new ResourceCodec();
    private final ResourceEventCodec events = new ResourceEventCodec(RESOURCE_CODEC);
    private final DataplaneCodec dataplane = new DataplaneCodec();

    @Test
    void publishesBatchesPerNodeTombstonesDeletesAndRestartsWithoutRepublishing(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(RESOURCES, 1, (short) 1))).all().get();
        }
        Resource hep = resource("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0, labels: {role: web}}
                spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
                """);
        Resource gnp = resource("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: web}
                spec:
                  selector: role == 'web'
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
                """);
        CalculatorOptions options = CalculatorOptions.parse(new String[] {"--bootstrap", kafka.bootstrapServers(),
                "--resources-topic", RESOURCES, "--dataplane-topic", DATAPLANE, "--dataplane-partitions", "3"}, Map.of());
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            send(producer, ResourceEvent.upsert(5, hep, false));
            send(producer, ResourceEvent.upsert(5, hep, false));
            send(producer, ResourceEvent.upsert(7, gnp, false));

            try (PolicyCalculator calculator = PolicyCalculator.start(options)) {
                List<DataplaneMessage> first = readUntil(kafka, m -> isBarrier(m, 7));
                assertThat(first).allMatch(m -> m.key().node().equals("n1"));
                assertThat(first).filteredOn(m -> m.entry() instanceof EndpointEntry).hasSize(1);
                assertThat(first).extracting(m -> m.key().toString()).contains("node/n1/policy/gnp/web");
                assertThat(first.stream().filter(m -> m.entry() instanceof BatchBarrier)).hasSize(1);
                assertThat(calculator.ready()).isTrue();
                assertThat(calculator.publishedRevision()).isEqualTo(7);

                send(producer, ResourceEvent.deleted(9, gnp.key()));
                List<DataplaneMessage> afterDelete = readUntil(kafka, m -> isBarrier(m, 9));
                assertThat(afterDelete).anyMatch(m -> m.key().toString().equals("node/n1/policy/gnp/web") && m.isTombstone());
            }
            int before = readUntil(kafka, m -> isBarrier(m, 9)).size();
            try (PolicyCalculator restarted = PolicyCalculator.start(options)) {
                awaitReady(restarted);
                assertThat(restarted.publishedRevision()).isEqualTo(9);
                send(producer, ResourceEvent.upsert(11, resource("""
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkSet
                        metadata: {name: unrelated}
                        spec: {nets: [198.18.9.0/24]}
                        """), false));
                Thread.sleep(1500);
                assertThat(readUntil(kafka, m -> isBarrier(m, 9))).as("nothing republished").hasSize(before);
            }
        }
    }

    private static boolean isBarrier(DataplaneMessage m, long revision) {
        return m.entry() instanceof BatchBarrier b && b.revision() == revision;
    }

    private static void awaitReady(PolicyCalculator calculator) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!calculator.ready()) {
            assertThat(Instant.now()).as("calculator in sync in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private List<DataplaneMessage> readUntil(KafkaBroker kafka, Predicate<DataplaneMessage> last) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (consumer.partitionsFor(DATAPLANE, Duration.ofSeconds(5)).isEmpty()) {
                assertThat(Instant.now()).as("topic " + DATAPLANE + " created").isBefore(deadline);
            }
            List<TopicPartition> partitions = consumer.partitionsFor(DATAPLANE).stream()
                    .map(p -> new TopicPartition(DATAPLANE, p.partition())).toList();
            assertThat(partitions).hasSize(3);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<DataplaneMessage> messages = new ArrayList<>();
            while (messages.stream().noneMatch(last)) {
                assertThat(Instant.now()).as("expected record on " + DATAPLANE).isBefore(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    messages.add(dataplane.decode(r.key(), r.value()));
                }
            }
            return messages;
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, ResourceEvent event) throws Exception {
        producer.send(new ProducerRecord<>(RESOURCES, event.key().toString(), events.encode(event))).get();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Resource resource(String yaml) {
        return switch (RESOURCE_CODEC.decodeAll(yaml).getFirst()) {
            case Decoded.Ok ok -> ok.resource();
            case Decoded.Failed failed -> throw new IllegalArgumentException(failed.errors().toString());
        };
    }
}
