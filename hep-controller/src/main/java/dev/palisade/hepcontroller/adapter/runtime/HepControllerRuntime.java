package dev.palisade.hepcontroller.adapter.runtime;

import dev.palisade.hepcontroller.adapter.etcd.EtcdLeaderElection;
import dev.palisade.hepcontroller.adapter.kafka.ResourceTopicReader;
import dev.palisade.hepcontroller.adapter.kubernetes.KubernetesNodeSource;
import dev.palisade.hepcontroller.adapter.rest.IngestApiHostEndpointStore;
import dev.palisade.hepcontroller.adapter.rest.IngestApiNodeStore;
import dev.palisade.hepcontroller.core.AutoHostEndpointController;
import dev.palisade.hepcontroller.core.AutoHostEndpointController.NodeSync;
import dev.palisade.hepcontroller.core.NodeMirror;
import dev.palisade.hepcontroller.core.ReconcileLoop;
import dev.palisade.hepcontroller.core.ReconcileResult;
import dev.palisade.hepcontroller.core.ResourceEventFilter;
import dev.palisade.hepcontroller.core.ResourceView;
import dev.palisade.hepcontroller.core.WorkKey;
import dev.palisade.hepcontroller.core.WorkQueue;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.etcd.EtcdClients;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Wires the core to its adapters and runs it: the topic reader (one thread), the election (one thread) and
 * the reconcile loop (one thread, the only one that writes). Every work key is handled under a correlation
 * id in the logging MDC.
 */
@ApplicationScoped
public class HepControllerRuntime {

    private static final Logger LOG = Logger.getLogger(HepControllerRuntime.class);

    private final ControllerSettings settings;
    /** Every {@code kafka.*} property: bootstrap servers and security (SASL, TLS). */
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final WorkQueue<WorkKey> queue = new WorkQueue<>();
    private ResourceTopicReader reader;
    private EtcdLeaderElection election;
    private Client etcd;
    private Thread readerThread;
    private Thread loopThread;
    private ControllerMetrics metrics;
    private AutoHostEndpointController controller;
    private KubernetesNodeSource nodeSource;
    /** Null unless the Kubernetes node source is configured. */
    private NodeMirror mirror;

    public HepControllerRuntime(ControllerSettings settings,
                                @Identifier("default-kafka-broker") Map<String, Object> kafka,
                                MeterRegistry registry) {
        this.settings = settings;
        this.kafka = Map.copyOf(kafka);
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        ResourceCodec codec = new ResourceCodec();
        ResourceView view = new ResourceView(settings.autoHostEndpoints().orElse(null));
        IngestApiHostEndpointStore store = new IngestApiHostEndpointStore(HttpClient.newHttpClient(),
                settings.ingestUrl(), readToken(), codec, settings.requestTimeout());
        controller = new AutoHostEndpointController(view, store);
        settings.kubernetes().config().filter(c -> !c.isBlank()).ifPresent(config -> {
            // the first full list arrives as a full sync; later changes as node keys
            nodeSource = KubernetesNodeSource.start(config, settings.kubernetes().resyncPeriod(),
                    name -> queue.add(WorkKey.node(name)), () -> queue.add(WorkKey.FULL_SYNC));
            mirror = new NodeMirror(nodeSource, view, new IngestApiNodeStore(HttpClient.newHttpClient(),
                    settings.ingestUrl(), readToken(), codec, settings.requestTimeout()), "kubernetes");
        });
        reader = new ResourceTopicReader(new KafkaConsumer<>(consumerProperties()), settings.resourcesTopic(), codec,
                view, new ResourceEventFilter(queue::add));
        ControllerSettings.EtcdTls tls = settings.etcdTls();
        etcd = EtcdClients.connect(settings.etcdEndpoints(),
                new EtcdClients.Tls(tls.caFile(), tls.certFile(), tls.keyFile()), "palisade.hep-controller.etcd-tls");
        election = new EtcdLeaderElection(etcd, settings.electionName(), identity(), settings.leaseTtlSeconds(),
                Duration.ofSeconds(1));
        metrics = new ControllerMetrics(registry, () -> isLeader() ? 1 : 0, queue::size, () -> inSync() ? 1 : 0,
                reader::failures);
        ReconcileLoop loop = new ReconcileLoop(queue, new Handler(), () -> inSync() && isLeader(),
                Clock.systemUTC(), settings.fullSyncPeriod(), settings.retryDelay());

        readerThread = Thread.ofPlatform().name("hep-controller-reader").daemon().start(reader);
        election.start();
        loopThread = Thread.ofPlatform().name("hep-controller-loop").daemon().start(loop::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (loopThread != null) {
            loopThread.interrupt();
        }
        if (election != null) {
            election.close();
        }
        if (reader != null) {
            reader.stop();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (nodeSource != null) {
            nodeSource.close();
        }
    }

    public boolean isLeader() {
        return election != null && election.isLeader();
    }

    public boolean inSync() {
        return reader != null && reader.inSync();
    }

    /** Threads that must run for the controller to be alive. */
    public boolean threadsAlive() {
        return readerThread != null && readerThread.isAlive() && loopThread != null && loopThread.isAlive();
    }

    public int queueDepth() {
        return queue.size();
    }

    /** Null when the Kubernetes node source is off; else whether its informer has listed every node. */
    public Boolean kubernetesSynced() {
        return nodeSource == null ? null : nodeSource.synced();
    }

    private final class Handler implements ReconcileLoop.Handler {
        @Override
        public void handle(WorkKey key) {
            MDC.put("correlationId", UUID.randomUUID().toString());
            long start = System.nanoTime();
            try {
                List<NodeSync> syncs = switch (key) {
                    // a Node just written comes back through the topic as another key: its endpoints follow then
                    case WorkKey.NodeKey n -> mirror(n.name()) ? List.of() : List.of(controller.syncNode(n.name()));
                    case WorkKey.FullSync f -> {
                        if (mirror != null) {
                            mirror.syncAll().forEach(c -> metrics.mirrored(c));
                        }
                        yield controller.syncAll();
                    }
                };
                syncs.forEach(this::report);
            } finally {
                metrics.synced(Duration.ofNanos(System.nanoTime() - start));
                MDC.remove("correlationId");
            }
        }

        /** True when the node source wrote the Node. */
        private boolean mirror(String name) {
            if (mirror == null) {
                return false;
            }
            NodeMirror.Change change = mirror.sync(name);
            metrics.mirrored(change);
            if (change != NodeMirror.Change.NONE) {
                LOG.infof("node %s: %s from Kubernetes", name, change.name().toLowerCase());
            }
            return change != NodeMirror.Change.NONE;
        }

        private void report(NodeSync sync) {
            sync.problems().forEach(p -> LOG.warnf("node %s: KubeControllersConfiguration %s", sync.node(), p));
            for (ReconcileResult r : sync.results()) {
                metrics.record(r);
                if (!(r instanceof ReconcileResult.Noop)) {
                    LOG.infof("node %s: %s %s", sync.node(), r.getClass().getSimpleName().toLowerCase(), r.name());
                }
            }
        }

        @Override
        public void failed(WorkKey key, RuntimeException error) {
            metrics.failed(key);
            LOG.warnf("reconcile of %s failed, full sync in %s: %s", key, settings.retryDelay(), error.getMessage());
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "hep-controller-" + identity());
        // bounds each metadata/offset request; the reader retries with backoff after a timeout
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        // ingest-service creates the topic compacted; a metadata request must not create a plain one first
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return p;
    }

    private String readToken() {
        try {
            return Files.readAllLines(settings.tokenFile()).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElseThrow(() -> new IllegalStateException(
                            "palisade.hep-controller.token-file " + settings.tokenFile() + " holds no token"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read palisade.hep-controller.token-file "
                    + settings.tokenFile(), e);
        }
    }

    private String identity() {
        return settings.identity().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
    }
}
