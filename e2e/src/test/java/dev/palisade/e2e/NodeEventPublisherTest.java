package dev.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.NodeFacts;
import dev.palisade.e2e.suite.NodeEventPublisher;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.TopologySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class NodeEventPublisherTest {

    @Test
    void nodeEventsReachTheIntakeTopicAsStructuredCloudEventsInOrder(KafkaBroker kafka) throws Exception {
        TopologySpec topology = TopologySpec.demo();
        Action.NodeEvent added = new Action.NodeEvent(Action.NodeEvent.ADDED, "master",
                Map.of("kubernetes.io/hostname", "master", "node-role.kubernetes.io/master", ""));
        Action.NodeEvent updated = new Action.NodeEvent(Action.NodeEvent.UPDATED, "master",
                Map.of("kubernetes.io/hostname", "master", "kubernetes-host", ""));
        try (NodeEventPublisher publisher = new NodeEventPublisher(kafka.bootstrapServers())) {
            publisher.publish(added, NodeFacts.of(topology, added));
            publisher.publish(updated, NodeFacts.of(topology, updated));
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(kafka, 2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(records.get(0).value());
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("master", "master");
        assertThat(new String(records.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("type").asText()).isEqualTo("io.k8s.node.added");
        assertThat(first.get("id").asText()).isNotBlank();
        assertThat(first.at("/data/name").asText()).isEqualTo("master");
        assertThat(first.at("/data/addresses/0").asText()).isEqualTo("198.19.0.1");
        assertThat(first.at("/data/interfaces/0/name").asText()).isEqualTo("eth0");
        assertThat(first.at("/data/interfaces/0/addresses/0").asText()).isEqualTo("198.19.0.1/20");
        assertThat(first.at("/data/labels").has("node-role.kubernetes.io/master")).isTrue();
        JsonNode second = json.readTree(records.get(1).value());
        assertThat(second.get("type").asText()).isEqualTo("io.k8s.node.updated");
        assertThat(second.at("/data/labels").has("kubernetes-host")).isTrue();
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaBroker kafka, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(NodeEventPublisher.TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
