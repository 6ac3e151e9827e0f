package dev.palisade.hepcontroller.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.testkit.Eventually;
import dev.palisade.hepcontroller.core.ResourceEventFilter;
import dev.palisade.hepcontroller.core.ResourceView;
import dev.palisade.hepcontroller.core.WorkKey;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against a real Kafka broker: the reader builds the view, reports sync, and hands changes to the filter. */
@ExtendWith(KafkaBrokerExtension.class)
class ResourceTopicReaderTest {

    static final ResourceCodec CODEC = new ResourceCodec();

    static Node node(String name, Map<String, String> labels) {
        return new Node(new ObjectMeta(name, null, labels, Map.of(), null, null, null),
                new NodeSpec(null, null, null, null, List.of(new NodeSpec.NodeAddress("198.18.2.10", "InternalIP")),
                        List.of()));
    }

    static KubeControllersConfiguration autoCreate(String value) {
        var hep = new KubeControllersConfigurationSpec.HostEndpointController(value, null, List.of());
        var controllers = new KubeControllersConfigurationSpec.Controllers(
                new KubeControllersConfigurationSpec.NodeController(null, null, hep, null), null, null, null, null,
                null, null);
        return new KubeControllersConfiguration(ObjectMeta.named("default"),
                new KubeControllersConfigurationSpec(null, null, null, null, null, controllers), null);
    }

    static ProducerRecord<String, byte[]> event(String topic, long revision, ResourceKey key, Resource value,
                                                boolean resync) {
        ObjectNode json = CODEC.jsonMapper().createObjectNode();
        json.put("schema", 1).put("revision", revision).put("key", key.toString())
                .put("type", value == null ? "delete" : "upsert").put("resync", resync).put("futureField", "ignored");
        if (value != null) {
            json.set("resource", CODEC.tree(value));
        }
        return new ProducerRecord<>(topic, key.toString(), json.toString().getBytes());
    }

    static Properties consumerProperties(KafkaBroker kafka) {
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cp.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // short attempts, so that an unresponsive broker shows within the test's patience
        cp.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1000");
        cp.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        return cp;
    }

    static void send(KafkaBroker kafka, ProducerRecord<String, byte[]> record) throws Exception {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    static void createTopic(KafkaBroker kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    @Test
    void waitsForAMissingTopicWithoutCreatingItAndReadsItOnceItExists(KafkaBroker kafka) throws Exception {
        String topic = "palisade.resources.late" + System.nanoTime();
        ResourceView view = new ResourceView(null);
        ResourceTopicReader reader = new ResourceTopicReader(new KafkaConsumer<>(consumerProperties(kafka),
                new StringDeserializer(), new ByteArrayDeserializer()), topic, CODEC, view,
                new ResourceEventFilter(key -> { }));
        Thread thread = Thread.ofPlatform().start(reader);
        try {
            Eventually.await(Duration.ofSeconds(30), "two failed attempts on the missing topic",
                    () -> reader.failures() >= 2);
            assertThat(reader.inSync()).isFalse();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).as("the reader must not create the topic")
                        .doesNotContain(topic);
            }

            createTopic(kafka, topic);
            Node n1 = node("n1", Map.of());
            send(kafka, event(topic, 1, n1.key(), n1, false));
            Eventually.await(Duration.ofSeconds(30), "in sync and n1 read once the topic exists",
                    () -> reader.inSync() && view.nodes().contains(n1));
        } finally {
            reader.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void survivesAnUnresponsiveBrokerBeforeAndAfterTheSyncAndRecoversByItself(KafkaBroker kafka) throws Exception {
        String topic = "palisade.resources.outage" + System.nanoTime();
        createTopic(kafka, topic);
        Node n1 = node("n1", Map.of());
        send(kafka, event(topic, 1, n1.key(), n1, false));
        ResourceView view = new ResourceView(null);
        ResourceTopicReader reader = new ResourceTopicReader(new KafkaConsumer<>(consumerProperties(kafka),
                new StringDeserializer(), new ByteArrayDeserializer()), topic, CODEC, view,
                new ResourceEventFilter(key -> { }));
        Thread thread;
        kafka.process().pause();
        try {
            thread = Thread.ofPlatform().start(reader);
            Eventually.await(Duration.ofSeconds(30), "two metadata timeouts while the broker answers nothing",
                    () -> reader.failures() >= 2);
            assertThat(reader.inSync()).isFalse();
            assertThat(thread.isAlive()).as("the reader keeps retrying").isTrue();
        } finally {
            kafka.process().resume();
        }
        try {
            Eventually.await(Duration.ofSeconds(60), "in sync once the broker answers again", reader::inSync);
            assertThat(view.nodes()).containsExactly(n1);

            long failuresBefore = reader.failures();
            kafka.process().pause();
            try {
                Eventually.await(Duration.ofSeconds(30), "not in sync while the broker answers nothing",
                        () -> !reader.inSync());
                assertThat(reader.failures()).isGreaterThan(failuresBefore);
                assertThat(thread.isAlive()).isTrue();
            } finally {
                kafka.process().resume();
            }
            Eventually.await(Duration.ofSeconds(60), "in sync again after the second outage", reader::inSync);
            Node n2 = node("n2", Map.of());
            send(kafka, event(topic, 2, n2.key(), n2, false));
            Eventually.await(Duration.ofSeconds(30), "n2, sent after the outage, is read",
                    () -> view.nodes().contains(n2));
        } finally {
            reader.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void buildsTheViewInRevisionOrderReportsSyncAndAppliesResyncSnapshots(KafkaBroker kafka) throws Exception {
        String topic = "palisade.resources.test" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Node n1 = node("n1", Map.of("v", "new"));
        Node n2 = node("n2", Map.of());
        HostEndpoint userHep = new HostEndpoint(ObjectMeta.named("n1-eth0"),
                new HostEndpointSpec("n1", "eth0", List.of(), List.of(), List.of()));
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(event(topic, 5, n1.key(), n1, false)).get();
            producer.send(event(topic, 3, n1.key(), node("n1", Map.of("v", "stale")), false)).get();
            producer.send(event(topic, 6, n2.key(), n2, false)).get();
            producer.send(event(topic, 7, userHep.key(), userHep, false)).get();
            producer.send(event(topic, 8, autoCreate("Enabled").key(), autoCreate("Enabled"), false)).get();
            producer.send(new ProducerRecord<>(topic, "GlobalNetworkSet/_/x", "not json".getBytes())).get();
            producer.send(event(topic, 9, n2.key(), null, false)).get();
        }

        ResourceView view = new ResourceView(null);
        List<WorkKey> keys = new CopyOnWriteArrayList<>();
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ResourceTopicReader reader = new ResourceTopicReader(
                new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer()), topic, CODEC, view,
                new ResourceEventFilter(keys::add));
        Thread thread = Thread.ofPlatform().start(reader);
        try {
            Eventually.await(Duration.ofSeconds(30), "in sync", reader::inSync);

            assertThat(view.nodes()).containsExactly(n1);
            assertThat(view.hostEndpoint("n1-eth0")).contains(userHep);
            assertThat(view.nodeConfig().autoCreate()).isTrue();
            assertThat(keys).contains(WorkKey.node("n1"), WorkKey.node("n2"), WorkKey.FULL_SYNC);

            try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(event(topic, 20, n1.key(), n1, true)).get();
                producer.send(event(topic, 20, autoCreate("Disabled").key(), autoCreate("Disabled"), true)).get();
                producer.send(new ProducerRecord<>(topic, 0, ResourceEvent.RESYNC_DONE_KEY, "{}".getBytes())).get();
            }
            Eventually.await(Duration.ofSeconds(30), "the snapshot drops the endpoint it no longer holds",
                    () -> view.hostEndpoint("n1-eth0").isEmpty());
            assertThat(view.nodes()).containsExactly(n1);
            assertThat(view.nodeConfig().autoCreate()).isFalse();
        } finally {
            reader.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }
}
