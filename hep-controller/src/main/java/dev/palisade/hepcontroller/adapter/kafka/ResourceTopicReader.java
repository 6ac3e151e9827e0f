package dev.palisade.hepcontroller.adapter.kafka;

import dev.palisade.hepcontroller.core.ResourceEventFilter;
import dev.palisade.hepcontroller.core.ResourceView;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Keeps the local view of {@code palisade.resources}: every replica reads every partition from the start
 * (no consumer group; the compacted topic is the state), applies Nodes, HostEndpoints and the default
 * KubeControllersConfiguration in revision order, and passes each change to the event filter. It is in sync
 * once it has read up to the end offsets seen at start; until then the controller must not act, or it would
 * delete the endpoints of nodes it has not read yet.
 */
public final class ResourceTopicReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(ResourceTopicReader.class);
    private static final Set<Kind> WATCHED = EnumSet.of(Kind.NODE, Kind.HOST_ENDPOINT,
            Kind.KUBE_CONTROLLERS_CONFIGURATION);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final ResourceEventCodec decoder;
    private final ResourceView view;
    private final ResourceEventFilter filter;
    private final Map<ResourceKey, Long> revisions = new HashMap<>();
    private Set<ResourceKey> seenInResync;
    private Map<TopicPartition, Long> syncTarget;
    private volatile boolean inSync;
    private volatile boolean running = true;

    public ResourceTopicReader(Consumer<String, byte[]> consumer, String topic, ResourceCodec codec,
                               ResourceView view, ResourceEventFilter filter) {
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = new ResourceEventCodec(codec);
        this.view = view;
        this.filter = filter;
    }

    public boolean inSync() {
        return inSync;
    }

    @Override
    public void run() {
        try {
            assignAll();
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(this::onRecord);
                checkSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Stops the reader from another thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void assignAll() {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                LOG.infof("waiting for topic %s to exist", topic);
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        syncTarget = consumer.endOffsets(partitions);
        LOG.infof("reading %s from the beginning, %d partitions, end offsets %s", topic, partitions.size(), syncTarget);
    }

    private void checkSync() {
        if (inSync) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : syncTarget.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return;
            }
        }
        inSync = true;
        LOG.infof("in sync with %s: %d nodes, %d host endpoints", topic, view.nodes().size(),
                view.hostEndpoints().size());
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        if (ResourceEvent.RESYNC_DONE_KEY.equals(record.key())) {
            finishResync();
            return;
        }
        if (record.value() == null) {
            return;
        }
        ResourceEvent change;
        try {
            change = decoder.decode(record.value());
        } catch (RuntimeException e) {
            LOG.warnf("skipping record %s at %s-%d@%d: %s", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (!WATCHED.contains(change.key().kind())) {
            return;
        }
        if (change.resync()) {
            if (seenInResync == null) {
                seenInResync = new HashSet<>();
            }
            seenInResync.add(change.key());
        }
        Long last = revisions.get(change.key());
        if (last != null && change.revision() <= last) {
            return;
        }
        revisions.put(change.key(), change.revision());
        apply(change.key(), change.resource());
    }

    /** A snapshot replaced history that was compacted away: keys it did not contain were deleted meanwhile. */
    private void finishResync() {
        if (seenInResync == null) {
            return;
        }
        for (ResourceKey key : view.keys()) {
            if (!seenInResync.contains(key)) {
                revisions.remove(key);
                apply(key, null);
            }
        }
        seenInResync = null;
    }

    private void apply(ResourceKey key, Resource valueOrNull) {
        Resource previous = view.apply(key, valueOrNull);
        filter.onChange(previous, valueOrNull);
    }
}
