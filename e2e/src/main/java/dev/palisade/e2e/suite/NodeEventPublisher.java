package dev.palisade.e2e.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.NodeFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tells the suite about nodes the way an external inventory system would: structured-mode CloudEvents
 * ({@code io.k8s.node.added|updated}) on the intake topic, keyed by node name so one node's events stay in
 * order.
 */
public final class NodeEventPublisher implements AutoCloseable {

    public static final String TOPIC = "palisade.ingest";
    public static final String SOURCE = "/palisade-e2e/inventory";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public NodeEventPublisher(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the event and waits until the broker has it. */
    public RecordMetadata publish(Action.NodeEvent event, NodeFacts facts) {
        try {
            return send(event, facts).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("node event for " + facts.name() + " not accepted by Kafka", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending the node event for " + facts.name(), e);
        }
    }

    /** Sends the event; the future completes when the broker has it (or the producer gives up). */
    public CompletableFuture<RecordMetadata> send(Action.NodeEvent event, NodeFacts facts) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("source", SOURCE);
        envelope.put("type", event.type());
        envelope.put("subject", facts.name());
        envelope.put("time", Instant.now().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", facts.eventData());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, facts.name(), encode(envelope));
        record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(metadata);
            }
        });
        return sent;
    }

    private static byte[] encode(Map<String, Object> envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a CloudEvent", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
