package dev.palisade.hepcontroller.adapter.kafka;

import dev.palisade.hepcontroller.core.ResourceEventFilter;
import dev.palisade.hepcontroller.core.ResourceView;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceStreamReader;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.palisade.kafka.EndOffsetReplay;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Keeps the local view of {@code palisade.resources}: every replica reads every partition from the start
 * (no consumer group; the compacted topic is the state), applies Nodes, HostEndpoints and the default
 * KubeControllersConfiguration in revision order, and passes each change to the event filter. It is in sync
 * once it has read up to the end offsets seen at start; until then the controller must not act, or it would
 * delete the endpoints of nodes it has not read yet.
 *
 * <p>A broker that is slow or away (metadata or offset requests timing out, the topic missing) does not end
 * the reader: it retries with exponential backoff, logs each distinct failure once with its cause, and reports
 * not in sync until a request succeeds again. The consumer's {@code default.api.timeout.ms} bounds each
 * attempt. While idle it asks for the end offsets every {@link #PROBE_INTERVAL}, because a poll that returns
 * nothing cannot tell a quiet topic from an unreachable broker.
 */
public final class ResourceTopicReader implements Runnable {

    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(ResourceTopicReader.class);
    private static final Set<Kind> WATCHED = EnumSet.of(Kind.NODE, Kind.HOST_ENDPOINT,
            Kind.KUBE_CONTROLLERS_CONFIGURATION);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final ResourceStreamReader reader;
    private final ResourceView view;
    private final ResourceEventFilter filter;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong failures = new AtomicLong();
    private List<TopicPartition> partitions;
    private EndOffsetReplay toEnd;
    private long lastContact;
    private String loggedFailure;
    private long failingSince;
    private volatile boolean caughtUp;
    private volatile boolean reachable;
    private volatile boolean running = true;

    public ResourceTopicReader(Consumer<String, byte[]> consumer, String topic, ResourceCodec codec,
                               ResourceView view, ResourceEventFilter filter) {
        this.consumer = consumer;
        this.topic = topic;
        this.reader = new ResourceStreamReader(codec, WATCHED::contains, (key, value, revision) -> apply(key, value));
        this.view = view;
        this.filter = filter;
    }

    /** Read to the end offsets seen at start, and the broker answered the last request. */
    public boolean inSync() {
        return caughtUp && reachable;
    }

    /** Failed attempts to reach the broker or the topic since start. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        try {
            while (running) {
                try {
                    step();
                    retry = FIRST_RETRY;
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    failed(e, retry);
                    pause(retry);
                    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) < 0 ? retry.multipliedBy(2) : MAX_RETRY;
                }
            }
        } finally {
            consumer.close();
        }
    }

    /** Stops the reader from another thread. */
    public void stop() {
        running = false;
        stopped.countDown();
        consumer.wakeup();
    }

    private void step() {
        if (partitions == null) {
            assignAll();
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        records.forEach(this::onRecord);
        boolean probeDue = System.nanoTime() - lastContact > PROBE_INTERVAL.toNanos();
        if (records.isEmpty() && probeDue) {
            consumer.endOffsets(partitions);
        }
        if (!records.isEmpty() || probeDue) {
            contact();
        }
        checkSync();
    }

    private void assignAll() {
        List<TopicPartition> found = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (found.isEmpty()) {
            throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist");
        }
        toEnd = EndOffsetReplay.fromBeginning(consumer, found);
        partitions = found;
        contact();
        LOG.infof("reading %s from the beginning, %d partitions, end offsets %s", topic, found.size(), toEnd.target());
    }

    /** The broker answered: if it had not before, say so once. */
    private void contact() {
        lastContact = System.nanoTime();
        if (loggedFailure != null) {
            LOG.infof("reading %s again after %d ms of failures", topic,
                    TimeUnit.NANOSECONDS.toMillis(lastContact - failingSince));
            loggedFailure = null;
        }
        reachable = true;
    }

    private void failed(KafkaException e, Duration retry) {
        failures.incrementAndGet();
        reachable = false;
        String cause = describe(e);
        if (cause.equals(loggedFailure)) {
            LOG.debugf("still cannot read %s, retrying in %s: %s", topic, retry, cause);
            return;
        }
        if (loggedFailure == null) {
            failingSince = System.nanoTime();
        }
        loggedFailure = cause;
        LOG.warnf("cannot read %s, not ready until it can; retrying with backoff up to %s: %s", topic, MAX_RETRY,
                cause);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : ", caused by ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }

    private void pause(Duration delay) {
        try {
            stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void checkSync() {
        if (caughtUp) {
            return;
        }
        if (!toEnd.reached()) {
            return;
        }
        caughtUp = true;
        LOG.infof("in sync with %s: %d nodes, %d host endpoints", topic, view.nodes().size(),
                view.hostEndpoints().size());
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        try {
            reader.accept(record.key(), record.value());
        } catch (DecodeException | IllegalArgumentException e) {
            LOG.warnf("skipping record %s at %s-%d@%d: %s", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void apply(ResourceKey key, Resource valueOrNull) {
        Resource previous = view.apply(key, valueOrNull);
        filter.onChange(previous, valueOrNull);
    }
}
