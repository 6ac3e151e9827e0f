package dev.palisade.testkit;

import java.util.Map;

/** A real Kafka broker for {@code @WithTestResource}; sets {@code kafka.bootstrap.servers}. */
public final class KafkaTestResource extends ServerTestResource<KafkaBroker> {

    public KafkaTestResource() {
        super(KafkaBroker::start, broker -> Map.of("kafka.bootstrap.servers", broker.bootstrapServers()));
    }
}
