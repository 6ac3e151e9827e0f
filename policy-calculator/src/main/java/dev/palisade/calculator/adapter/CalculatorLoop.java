package dev.palisade.calculator.adapter;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.EngineInvariantException;
import dev.palisade.calculator.engine.Shard;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.event.ResourceStreamReader;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.DataplaneCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import dev.palisade.kafka.EndOffsetReplay;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The calculator's one engine thread. A run ("session") builds a fresh graph, seeds it with what
 * {@code palisade.dataplane} already holds, reads {@code palisade.resources} from the beginning without
 * publishing, flushes once it reaches the end offsets seen at start (in sync), and from then on flushes after
 * every poll. Any failure — Kafka, or the engine breaking an invariant — ends the session and a new one
 * rebuilds the state from both topics, which is exactly what a restart does.
 *
 * <p>With a group id, several calculators share the dataplane partitions ({@link PartitionOwnership}); a
 * session publishes the streams of the partitions owned when it started, and a change of them (a rebalance)
 * ends it between two flushes: the next session is a restart with the new partitions, reading back what the
 * previous owner published, so it publishes only differences, at revisions no older than the previous owner's.
 */
public final class CalculatorLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(CalculatorLoop.class);
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

    /** Kafka clients for one session; the loop closes them. */
    public interface Clients {
        Consumer<String, byte[]> consumer();

        Producer<String, byte[]> producer();

        /** A consumer in the calculators' group {@code groupId}, for {@link PartitionOwnership}. */
        Consumer<String, byte[]> groupMember(String groupId);

        /** Creates missing topics. */
        void ensureTopics();
    }

    private final Clients clients;
    private final CalculatorSettings settings;
    private final CalculatorMetrics metrics;
    private final ResourceCodec resourceCodec = new ResourceCodec();
    private final DataplaneCodec dataplaneCodec = new DataplaneCodec();
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> current;
    /** Engine thread only; kept across sessions (leaving the group would rebalance it), null without a group. */
    private PartitionOwnership ownership;

    CalculatorLoop(Clients clients, CalculatorSettings settings, CalculatorMetrics metrics) {
        this.clients = clients;
        this.settings = settings;
        this.metrics = metrics;
    }

    public boolean inSync() {
        return metrics.inSync();
    }

    /** Stops the loop from another thread; the engine thread closes the clients. */
    public void stop() {
        running = false;
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                session();
            } catch (WakeupException | InterruptException e) {
                if (running) {
                    LOG.warnf("woken up unexpectedly, starting over: %s", e);
                }
            } catch (EngineInvariantException e) {
                LOG.errorf(e, "the calculation graph broke an invariant; rebuilding from the topics");
            } catch (RuntimeException e) {
                // Kafka failed: leave the group, so that the others take the partitions over meanwhile
                leaveGroup();
                if (running) {
                    LOG.errorf("calculator session failed, rebuilding from the topics in %s: %s",
                            settings.retryDelay(), e);
                    pause();
                }
            } finally {
                metrics.reset();
            }
        }
        leaveGroup();
    }

    private void leaveGroup() {
        if (ownership != null) {
            try {
                ownership.close();
            } catch (RuntimeException e) {
                LOG.warnf("leaving the calculators' group: %s", e);
            }
            ownership = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void session() {
        clients.ensureTopics();
        try (Consumer<String, byte[]> consumer = clients.consumer();
             Producer<String, byte[]> producer = clients.producer()) {
            current = consumer;
            if (!running) {
                return;
            }
            if (settings.groupId().isPresent() && ownership == null) {
                ownership = new PartitionOwnership(clients.groupMember(settings.groupId().get()),
                        settings.dataplaneTopic());
            }
            new Session(consumer, producer).run();
        } finally {
            current = null;
        }
    }

    private final class Session {
        private final Consumer<String, byte[]> consumer;
        private final KafkaDataplaneSink sink;
        private final CalcGraph graph;
        private final ResourceStreamReader feed;
        private final Shard shard;
        private boolean inSync;

        Session(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer) {
            this.consumer = consumer;
            List<TopicPartition> dataplane = partitions(settings.dataplaneTopic());
            this.shard = ownership == null ? Shard.ALL : new Shard(dataplane.size(), awaitAssignment());
            this.sink = new KafkaDataplaneSink(producer, settings.dataplaneTopic(), dataplane.size(), dataplaneCodec,
                    (node, records) -> metrics.batch(records));
            this.graph = CalcGraphFactory.create(sink, shard, (key, errors) -> {
                metrics.invalid();
                LOG.warnf("%s is invalid, treated as absent: %s", key, errors);
            });
            this.feed = new ResourceStreamReader(resourceCodec, kind -> true,
                    (key, value, revision) -> timedUpdate(value == null ? Update.deleted(key) : Update.of(value)));
            PublishedState published = PublishedState.read(consumer, dataplane, dataplaneCodec,
                    settings.pollTimeout());
            published.latest().forEach(graph::seedPublished);
            published.unfinishedStreams().forEach(graph::seedUnfinished);
            LOG.infof("read back %s: %d records, %d live keys, %d streams with an unfinished batch",
                    settings.dataplaneTopic(), published.records(), published.latest().size(),
                    published.unfinishedStreams().size());
        }

        private Set<Integer> awaitAssignment() {
            long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
            while (running) {
                Optional<Set<Integer>> owned = ownership.poll(Duration.ofMillis(100));
                if (owned.isPresent()) {
                    LOG.infof("publishing the streams of %s partitions %s of %d (group %s)", settings.dataplaneTopic(),
                            new TreeSet<>(owned.get()), partitions(settings.dataplaneTopic()).size(),
                            settings.groupId().orElseThrow());
                    return owned.get();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("group " + settings.groupId().orElseThrow() + " assigned no "
                            + settings.dataplaneTopic() + " partitions within " + ASSIGNMENT_TIMEOUT);
                }
            }
            throw new WakeupException();
        }

        /** Whether a rebalance changed the partitions this session publishes; it then ends (between flushes). */
        private boolean ownershipChanged() {
            if (ownership == null) {
                return false;
            }
            Optional<Set<Integer>> now = ownership.poll(Duration.ZERO);
            if (now.isPresent() && now.get().equals(shard.owned())) {
                return false;
            }
            LOG.infof("owned partitions changed from %s to %s: rebuilding", new TreeSet<>(shard.owned()),
                    new TreeSet<>(now.orElse(Set.of())));
            return true;
        }

        void run() {
            List<TopicPartition> resources = partitions(settings.resourcesTopic());
            EndOffsetReplay replay = EndOffsetReplay.fromBeginning(consumer, resources);
            LOG.infof("reading %s from the beginning, %d partitions, end offsets %s", settings.resourcesTopic(),
                    resources.size(), replay.target());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                records.forEach(this::onRecord);
                if (ownershipChanged()) {
                    return;
                }
                if (!inSync && replay.reached()) {
                    inSync = true;
                    flush();
                    LOG.infof("in sync with %s at revision %d: %s", settings.resourcesTopic(), feed.revision(),
                            graph.stats());
                } else if (inSync && !records.isEmpty()) {
                    flush();
                    long oldest = Long.MAX_VALUE;
                    for (ConsumerRecord<String, byte[]> record : records) {
                        oldest = Math.min(oldest, record.timestamp());
                    }
                    metrics.published(records.count(), oldest);
                }
                metrics.snapshot(graph.stats(), inSync, feed.revision());
            }
        }

        private void onRecord(ConsumerRecord<String, byte[]> record) {
            try {
                metrics.event(feed.accept(record.key(), record.value()));
            } catch (EngineInvariantException e) {
                throw e;
            } catch (RuntimeException e) {
                metrics.undecodable();
                LOG.warnf("skipping unreadable record %s at %s-%d@%d: %s", record.key(), record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }

        private void timedUpdate(Update update) {
            metrics.updateTime(update.key().kind()).record(() -> graph.onUpdate(update));
        }

        private void flush() {
            long revision = feed.revision();
            metrics.flushTime().record(() -> graph.flush(revision));
            sink.awaitSent();
        }

        private List<TopicPartition> partitions(String topic) {
            List<TopicPartition> found = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (not created yet?)");
            }
            return found;
        }
    }
}
