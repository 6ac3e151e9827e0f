package dev.palisade.calculator.adapter;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the loop's clients from the common Kafka settings ({@code kafka.*}: bootstrap servers, security).
 * The consumer has no group: every replica reads every partition itself, since the compacted topics are the
 * state. The group member only takes part in the calculators' group (cooperative rebalancing: a partition that
 * stays put is not revoked). The producer is idempotent with {@code acks=all}.
 */
final class KafkaClients implements CalculatorLoop.Clients {

    private final Map<String, Object> common;
    private final CalculatorSettings settings;
    private final String clientId;

    KafkaClients(Map<String, Object> common, CalculatorSettings settings, String clientId) {
        this.common = Map.copyOf(common);
        this.settings = settings;
        this.clientId = clientId;
    }

    @Override
    public Consumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<String, byte[]> groupMember(String groupId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-member");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.groupSessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(100, settings.groupSessionTimeout().toMillis() / 3));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Producer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void ensureTopics() {
        TopicSetup.ensure(common, settings);
    }
}
