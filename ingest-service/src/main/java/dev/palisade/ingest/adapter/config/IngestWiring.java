package dev.palisade.ingest.adapter.config;

import dev.palisade.ingest.adapter.etcd.CommitTimes;
import dev.palisade.ingest.adapter.etcd.EtcdChangeFeed;
import dev.palisade.ingest.adapter.etcd.EtcdCheckpoint;
import dev.palisade.ingest.adapter.etcd.AuditOutbox;
import dev.palisade.ingest.adapter.etcd.EtcdDatastore;
import dev.palisade.ingest.adapter.kafka.KafkaEventSink;
import dev.palisade.ingest.adapter.kafka.Topics;
import dev.palisade.model.validation.Validator;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.insight.InsightService;
import dev.palisade.ingest.core.audit.AuditLog;
import dev.palisade.ingest.core.auth.Authorizer;
import dev.palisade.ingest.core.auth.TokenTable;
import dev.palisade.ingest.core.intake.IntakeProcessor;
import dev.palisade.ingest.core.publish.Publisher;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.etcd.EtcdClients;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the framework-free core and its etcd/Kafka adapters from configuration. */
public class IngestWiring {

    @Produces
    @Singleton
    ResourceCodec codec() {
        return new ResourceCodec();
    }

    @Produces
    @Singleton
    Client etcd(IngestConfig config) {
        IngestConfig.Etcd.Tls tls = config.etcd().tls();
        return EtcdClients.connect(config.etcd().endpoints(),
                new EtcdClients.Tls(tls.caFile(), tls.certFile(), tls.keyFile()), "palisade.ingest.etcd.tls");
    }

    void closeEtcd(@Disposes Client client) {
        client.close();
    }

    @Produces
    @Singleton
    CommitTimes commitTimes() {
        return new CommitTimes();
    }

    @Produces
    @Singleton
    EtcdDatastore datastore(Client etcd, ResourceCodec codec, CommitTimes commits, MeterRegistry registry,
                            IngestConfig config) {
        return new EtcdDatastore(etcd.getKVClient(), codec, commits, registry, config.etcd().requestTimeout());
    }

    /** The audit notes the datastore commits with each write, for the audit log to drain. */
    @Produces
    @Singleton
    AuditOutbox auditOutbox(EtcdDatastore store) {
        return store.outbox();
    }

    @Produces
    @Singleton
    ResourceService service(EtcdDatastore store, ResourceCodec codec, AuditLog audit) {
        return new ResourceService(store, codec, new Validator()::validate, audit, Clock.systemUTC(), UUID::randomUUID);
    }

    @Produces
    @Singleton
    InsightService insight(EtcdDatastore store, ResourceService service) {
        return new InsightService(store, service);
    }

    @Produces
    @Singleton
    IntakeProcessor intake(ResourceService service, ResourceCodec codec) {
        return new IntakeProcessor(service, codec);
    }

    @Produces
    @Singleton
    Authorizer authorizer(IngestConfig config) {
        Path file = config.auth().tokensFile();
        try {
            return new Authorizer(TokenTable.parse(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file, e);
        }
    }

    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "palisade-ingest-publisher");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    Publisher publisher(Client etcd, EtcdDatastore store, ResourceCodec codec, KafkaProducer<String, byte[]> producer,
                        CommitTimes commits, IngestConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        IngestConfig.Topics topics = config.topics();
        Runnable topicSetup = () -> Topics.ensure(kafka, topics.resources(), topics.resourcePartitions(),
                List.of(topics.ingest(), topics.deadLetters()));
        return new Publisher(new EtcdChangeFeed(etcd.getWatchClient(), store, codec, commits),
                new KafkaEventSink(producer, topics.resources(), new ResourceEventCodec(codec), topicSetup),
                new EtcdCheckpoint(etcd.getKVClient()), config.publisher().retryDelay());
    }
}
