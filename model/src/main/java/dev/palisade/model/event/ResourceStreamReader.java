package dev.palisade.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The consumer side of {@code palisade.resources}, record by record, whatever transport delivers them
 * (docs/resources-topic.md). The protocol's three rules live here and nowhere else:
 * <ul>
 *   <li>per key, an event at or below the revision already applied is stale and skipped (the publisher may
 *       repeat itself after a restart);</li>
 *   <li>a tombstone (a record with no value) removes its key: compaction may have dropped the delete event
 *       it stands for;</li>
 *   <li>a resync snapshot (events flagged {@code resync}, closed by the {@link ResourceEvent#RESYNC_DONE_KEY}
 *       record) replaces history that was compacted away: a present key the snapshot did not contain was
 *       deleted meanwhile.</li>
 * </ul>
 * Not thread-safe: one reader per consuming thread.
 */
public final class ResourceStreamReader {

    /** What one record did. */
    public enum Outcome { APPLIED, STALE, IGNORED, RESYNC_DONE }

    /** Receives every change the reader lets through; {@code valueOrNull} null means the key is gone. */
    @FunctionalInterface
    public interface Listener {
        void onChange(ResourceKey key, Resource valueOrNull, long revision);
    }

    private final ResourceEventCodec events;
    private final ObjectMapper json;
    private final Predicate<Kind> watched;
    private final Listener listener;
    private final Map<ResourceKey, Long> revisions = new HashMap<>();
    private final Set<ResourceKey> present = new HashSet<>();
    private Set<ResourceKey> seenInResync;
    private long revision;

    /** Only keys of a {@code watched} kind reach the listener; the others are {@link Outcome#IGNORED}. */
    public ResourceStreamReader(ResourceCodec codec, Predicate<Kind> watched, Listener listener) {
        this.events = new ResourceEventCodec(codec);
        this.json = codec.jsonMapper();
        this.watched = watched;
        this.listener = listener;
    }

    /** The highest revision applied so far (0 before any). */
    public long revision() {
        return revision;
    }

    /** Keys currently present. */
    public int size() {
        return present.size();
    }

    /**
     * Throws {@link IllegalArgumentException} or the codec's {@code DecodeException} for a record it
     * cannot read; the record changes nothing, and the caller decides whether to skip it.
     */
    public Outcome accept(String recordKey, byte[] value) {
        if (ResourceEvent.RESYNC_DONE_KEY.equals(recordKey)) {
            finishResync(value);
            return Outcome.RESYNC_DONE;
        }
        if (value == null) {
            ResourceKey key = ResourceKey.parse(recordKey);
            if (!watched.test(key.kind())) {
                return Outcome.IGNORED;
            }
            apply(key, null, revision);
            return Outcome.APPLIED;
        }
        ResourceEvent event = events.decode(value);
        if (!watched.test(event.key().kind())) {
            return Outcome.IGNORED;
        }
        if (event.resync()) {
            if (seenInResync == null) {
                seenInResync = new HashSet<>();
            }
            seenInResync.add(event.key());
        }
        Long last = revisions.get(event.key());
        if (last != null && event.revision() <= last) {
            return Outcome.STALE;
        }
        apply(event.key(), event.resource(), event.revision());
        return Outcome.APPLIED;
    }

    private void finishResync(byte[] value) {
        long doneAt = resyncRevision(value);
        if (seenInResync != null) {
            List<ResourceKey> gone = new ArrayList<>();
            for (ResourceKey key : present) {
                if (!seenInResync.contains(key)) {
                    gone.add(key);
                }
            }
            gone.forEach(key -> apply(key, null, doneAt));
            seenInResync = null;
        }
        revision = Math.max(revision, doneAt);
    }

    private long resyncRevision(byte[] value) {
        if (value == null) {
            return revision;
        }
        try {
            JsonNode node = json.readTree(value);
            return node.path("revision").asLong(revision);
        } catch (IOException e) {
            throw new IllegalArgumentException("resync-done record is not JSON: " + e.getMessage(), e);
        }
    }

    private void apply(ResourceKey key, Resource valueOrNull, long at) {
        revisions.put(key, at);
        if (valueOrNull != null) {
            present.add(key);
        } else {
            present.remove(key);
        }
        revision = Math.max(revision, at);
        listener.onChange(key, valueOrNull, at);
    }
}
