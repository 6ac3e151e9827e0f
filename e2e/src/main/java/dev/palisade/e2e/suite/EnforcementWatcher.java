package dev.palisade.e2e.suite;

import dev.palisade.kafka.EndOffsetReplay;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneFormatException;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.event.ResourceStreamReader;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches what ingest-service published ({@code palisade.resources}), what the calculator asked of each node
 * ({@code palisade.dataplane}) and what the drivers say they enforce ({@code palisade.status}), so a caller can
 * wait until a change is in force everywhere: the calculator has published the change's revision, and every
 * node enforces the last revision that changed what it reaches — its own last batch, or a later shared batch
 * that changed a set, policy or profile in its closure (format 2). A node whose state the change did not
 * touch had nothing to change.
 */
public final class EnforcementWatcher implements AutoCloseable {

    public static final String STATUS_TOPIC = "palisade.status";
    public static final String DATAPLANE_TOPIC = "palisade.dataplane";
    public static final String RESOURCES_TOPIC = "palisade.resources";

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaConsumer<String, byte[]> ends;
    private final DataplaneCodec codec = new DataplaneCodec();
    private final Map<String, DataplaneStatus> statuses = new ConcurrentHashMap<>();
    private final DataplaneMirror dataplane = new DataplaneMirror();
    private final Map<String, Enforcing> enforcing = new ConcurrentHashMap<>();
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private volatile long publishedRevision = -1;
    private final ResourceStreamReader resources = new ResourceStreamReader(new ResourceCodec(), kind -> true,
            (key, value, revision) -> {
                if (value == null) {
                    published.remove(key.toString());
                } else {
                    published.put(key.toString(), revision);
                }
                publishedRevision = Math.max(publishedRevision, revision);
            });
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public EnforcementWatcher(String bootstrap) {
        this.consumer = consumer(bootstrap, "palisade-e2e-watcher");
        this.ends = consumer(bootstrap, "palisade-e2e-ends");
        this.thread = new Thread(this::run, "palisade-e2e-enforcement");
        thread.setDaemon(true);
        thread.start();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String id) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.CLIENT_ID_CONFIG, id,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        List<TopicPartition> assigned = new ArrayList<>();
        List<String> waiting = new ArrayList<>(List.of(RESOURCES_TOPIC, DATAPLANE_TOPIC, STATUS_TOPIC));
        long nextLook = 0;
        try {
            while (running) {
                if (!waiting.isEmpty() && System.nanoTime() > nextLook) {
                    // a topic appears with its first record (palisade.status with a driver's first apply)
                    nextLook = System.nanoTime() + 200_000_000L;
                    List<TopicPartition> found = new ArrayList<>();
                    for (String topic : List.copyOf(waiting)) {
                        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
                        if (infos != null && !infos.isEmpty()) {
                            infos.forEach(i -> found.add(new TopicPartition(topic, i.partition())));
                            waiting.remove(topic);
                        }
                    }
                    if (!found.isEmpty()) {
                        assigned.addAll(found);
                        consumer.assign(assigned);
                        consumer.seekToBeginning(found);
                    }
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(50);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    take(record);
                }
                for (TopicPartition p : assigned) {
                    positions.put(p, consumer.position(p));
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null && record.topic().equals(STATUS_TOPIC)) {
            return;
        }
        try {
            if (record.topic().equals(RESOURCES_TOPIC)) {
                resources.accept(record.key(), record.value());
            } else if (record.topic().equals(STATUS_TOPIC)) {
                DataplaneStatus status = codec.decodeStatus(record.value());
                statuses.put(status.node(), status);
                long now = System.nanoTime();
                enforcing.merge(status.node(), new Enforcing(status.enforcedRevision(), now),
                        (old, fresh) -> fresh.revision() > old.revision() ? fresh : old);
            } else if (record.key() != null) {
                dataplane.accept(codec.decode(record.key(), record.value()));
            }
        } catch (DataplaneFormatException | DecodeException | IllegalArgumentException e) {
            System.err.println("palisade-e2e: unreadable " + record.topic() + " record " + record.key() + ": " + e);
        }
    }

    /**
     * Whether ingest-service has published exactly {@code stored} (as listed from its API) for {@code kinds}:
     * then every change that led there is on the resource topic, the last at {@link #publishedRevision()}.
     */
    public boolean published(List<Resource> stored, List<Kind> kinds) {
        Map<String, Long> wanted = new java.util.HashMap<>();
        stored.forEach(r -> wanted.put(r.key().toString(), Long.parseLong(r.metadata().resourceVersion())));
        Map<String, Long> seen = new java.util.HashMap<>(publishedResources());
        seen.keySet().removeIf(key -> kinds.stream().noneMatch(k -> key.startsWith(k.kindName() + "/")));
        return seen.equals(wanted);
    }

    /**
     * Waits until the calculator has published {@code revision} and every node in {@code nodes} enforces the
     * last batch published for it, with no error; fails naming the nodes behind and what they report.
     */
    public void awaitEnforced(long revision, LongSupplier calculatorRevision, Collection<String> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calculatorRevision.getAsLong() < revision) {
            check(deadline, "the calculator to publish revision " + revision + " (at " + calculatorRevision.getAsLong() + ")");
        }
        Map<TopicPartition, Long> end = endOffsets();
        while (!EndOffsetReplay.reached(p -> positions.getOrDefault(p, -1L), end)) {
            check(deadline, "the watcher to read " + DATAPLANE_TOPIC + " to its end");
        }
        while (!behind(nodes).isEmpty()) {
            check(deadline, "every node to enforce its last batch for revision " + revision + "; behind: " + behind(nodes));
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        synchronized (ends) {
            List<PartitionInfo> infos = ends.partitionsFor(DATAPLANE_TOPIC, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException(DATAPLANE_TOPIC + " does not exist: is the calculator running?");
            }
            return ends.endOffsets(infos.stream().map(i -> new TopicPartition(DATAPLANE_TOPIC, i.partition())).toList());
        }
    }

    /** The nodes not (yet) enforcing their last batch, each with its status. */
    public List<String> behind(Collection<String> nodes) {
        List<String> behind = new ArrayList<>();
        for (String node : nodes) {
            Long wanted = dataplane.wanted(node);
            DataplaneStatus status = statuses.get(node);
            if (wanted == null) {
                continue;
            }
            if (status == null || status.enforcedRevision() < wanted || status.lastError() != null) {
                behind.add(node + " (wants " + wanted + ", status " + (status == null ? "none"
                        : "enforced " + status.enforcedRevision() + (status.lastError() == null ? "" : ", error "
                        + status.lastError())) + ")");
            }
        }
        return behind;
    }

    /**
     * What ingest-service has published so far: every existing resource's key ({@code Kind/namespace/name})
     * and the revision of its last change.
     */
    public Map<String, Long> publishedResources() {
        return Map.copyOf(published);
    }

    /** The highest revision published on the resource topic, deletions included. */
    public long publishedRevision() {
        return publishedRevision;
    }

    /** A revision a node enforces, and when ({@link System#nanoTime()}) its status first said so here. */
    public record Enforcing(long revision, long sinceNanos) {
    }

    /**
     * Waits until every node in {@code nodes} reports enforcing {@code revision} or later; returns the
     * {@link System#nanoTime()} at which the last of them was first seen doing so.
     */
    public long awaitAllEnforcing(Collection<String> nodes, long revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long last = Long.MIN_VALUE;
            List<String> behind = new ArrayList<>();
            for (String node : nodes) {
                Enforcing e = enforcing.get(node);
                if (e == null || e.revision() < revision) {
                    behind.add(node + "@" + (e == null ? "none" : e.revision()));
                } else {
                    last = Math.max(last, e.sinceNanos());
                }
            }
            if (behind.isEmpty()) {
                return last;
            }
            check(deadline, "every node to enforce revision " + revision + "; behind: " + behind);
        }
    }

    /** The latest status of a node, if it has reported. */
    public DataplaneStatus status(String node) {
        return statuses.get(node);
    }

    private static void check(long deadline, String waitingFor) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + waitingFor);
        }
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + waitingFor, e);
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
        synchronized (ends) {
            ends.close();
        }
    }
}
