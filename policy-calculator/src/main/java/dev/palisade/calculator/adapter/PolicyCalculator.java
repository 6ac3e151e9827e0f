package dev.palisade.calculator.adapter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneFormatException;
import dev.palisade.model.event.ResourceEventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calculator, wired: {@code palisade.resources} in, {@code palisade.dataplane} out, readiness and the
 * published revision on request. On start it reads back what it published before, so a restart publishes only
 * differences. Plain Java like the driver: one loop thread owns the (single-threaded) graph.
 */
public final class PolicyCalculator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PolicyCalculator.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);

    private final CalculatorOptions options;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final HttpServer health;
    private volatile ResourceLogFollower follower;
    private volatile String failure;
    private volatile boolean running = true;

    private PolicyCalculator(CalculatorOptions options) {
        this.options = options;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "palisade-calculator",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "palisade-calculator");
        this.health = options.healthPort() > 0 ? healthServer(options.healthPort()) : null;
    }

    public static PolicyCalculator start(CalculatorOptions options) {
        PolicyCalculator calculator = new PolicyCalculator(options);
        calculator.thread.start();
        if (calculator.health != null) {
            calculator.health.start();
        }
        return calculator;
    }

    private void run() {
        try {
            int partitions = ensureDataplaneTopic();
            CalcGraph graph = CalcGraphFactory.create(new KafkaDataplaneSink(producer, options.dataplaneTopic(), partitions),
                    (key, errors) -> LOG.warning(key + " withdrawn as invalid: " + errors));
            int seeded = seedPublished(graph);
            ResourceLogFollower follow = new ResourceLogFollower(consumer, graph, new ResourceEventCodec(new ResourceCodec()));
            follow.assign(awaitPartitions(options.resourcesTopic()));
            follower = follow;
            LOG.info("following " + options.resourcesTopic() + " (" + seeded + " records already on "
                    + options.dataplaneTopic() + ", " + partitions + " partitions)");
            while (running) {
                follow.pollOnce(POLL);
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        failure = e.toString();
        LOG.log(Level.SEVERE, "calculator stopped", e);
    }

    /** Creates the compacted dataplane topic if absent; returns its partition count. */
    private int ensureDataplaneTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap()))) {
            try {
                admin.createTopics(List.of(new NewTopic(options.dataplaneTopic(), options.dataplanePartitions(), (short) -1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + options.dataplaneTopic() + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating " + options.dataplaneTopic() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating " + options.dataplaneTopic(), e);
            }
        }
        return awaitPartitions(options.dataplaneTopic()).size();
    }

    /** Reads the dataplane topic to its end into the graph's record of what was published. */
    private int seedPublished(CalcGraph graph) {
        List<TopicPartition> partitions = awaitPartitions(options.dataplaneTopic());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        DataplaneCodec codec = new DataplaneCodec();
        int seeded = 0;
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                try {
                    graph.seedPublished(codec.decode(record.key(), record.value()));
                    seeded++;
                } catch (DataplaneFormatException | IllegalArgumentException e) {
                    LOG.warning("published record " + record.key() + " unreadable, will be rewritten: " + e.getMessage());
                }
            }
        }
        return seeded;
    }

    private List<TopicPartition> awaitPartitions(String topic) {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            LOG.info("waiting for topic " + topic);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    /** In sync with the resource log, and every node's state as of {@link #publishedRevision()} is published. */
    public boolean ready() {
        ResourceLogFollower f = follower;
        return failure == null && f != null && f.inSync();
    }

    public long publishedRevision() {
        ResourceLogFollower f = follower;
        return f == null ? -1 : f.publishedRevision();
    }

    private HttpServer healthServer(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/health/ready", exchange -> respond(exchange, ready() ? 200 : 503,
                    "{\"inSync\":" + ready() + ",\"revision\":" + publishedRevision()
                            + (failure == null ? "" : ",\"error\":\"" + failure.replace("\"", "'") + "\"") + "}",
                    "application/json"));
            server.createContext("/metrics", exchange -> respond(exchange, 200,
                    "palisade_calculator_in_sync " + (ready() ? 1 : 0) + "\npalisade_calculator_published_revision "
                            + publishedRevision() + "\n", "text/plain; version=0.0.4"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health on 127.0.0.1:" + port, e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
        if (health != null) {
            health.stop(0);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        CalculatorOptions options;
        try {
            options = CalculatorOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PolicyCalculator calculator = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(calculator::close, "palisade-calculator-shutdown"));
        Thread.currentThread().join();
    }
}
