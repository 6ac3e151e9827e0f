package dev.palisade.calculator.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.ResourceKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns records of {@code palisade.resources} into engine updates: applies each key's changes in revision
 * order only (a duplicate or older revision, e.g. republished after an ingest-service restart, is skipped),
 * and completes resync snapshots: a key the snapshot did not contain was deleted while its history was
 * compacted away. Remembers the highest revision applied, which the barriers carry.
 */
final class ResourceFeed {

    /** What one record did. */
    enum Outcome { APPLIED, STALE, RESYNC_DONE }

    private final ResourceEventCodec events;
    private final ResourceCodec resources;
    private final Consumer<Update> engine;
    private final Map<ResourceKey, Long> revisions = new HashMap<>();
    private final Set<ResourceKey> present = new HashSet<>();
    private Set<ResourceKey> seenInResync;
    private long revision;

    ResourceFeed(ResourceCodec resources, Consumer<Update> engine) {
        this.resources = resources;
        this.events = new ResourceEventCodec(resources);
        this.engine = engine;
    }

    /** The highest revision applied so far (0 before any). */
    long revision() {
        return revision;
    }

    /** Keys currently present. */
    int size() {
        return present.size();
    }

    /** Throws {@link IllegalArgumentException} (or the codec's {@code DecodeException}) for a record it cannot read. */
    Outcome accept(String recordKey, byte[] value) {
        if (ResourceEvent.RESYNC_DONE_KEY.equals(recordKey)) {
            return finishResync(value);
        }
        if (value == null) {
            // a tombstone written to the compacted topic removes its key
            ResourceKey key = ResourceKey.parse(recordKey);
            apply(Update.deleted(key), revision);
            return Outcome.APPLIED;
        }
        ResourceEvent event = events.decode(value);
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
        apply(event.isDelete() ? Update.deleted(event.key()) : Update.of(event.resource()), event.revision());
        return Outcome.APPLIED;
    }

    private Outcome finishResync(byte[] value) {
        long doneAt = resyncRevision(value);
        if (seenInResync != null) {
            List<ResourceKey> gone = new ArrayList<>();
            for (ResourceKey key : present) {
                if (!seenInResync.contains(key)) {
                    gone.add(key);
                }
            }
            gone.forEach(key -> apply(Update.deleted(key), doneAt));
            seenInResync = null;
        }
        revision = Math.max(revision, doneAt);
        return Outcome.RESYNC_DONE;
    }

    private long resyncRevision(byte[] value) {
        if (value == null) {
            return revision;
        }
        try {
            JsonNode node = resources.jsonMapper().readTree(value);
            return node.path("revision").asLong(revision);
        } catch (IOException e) {
            throw new IllegalArgumentException("resync-done record is not JSON: " + e.getMessage(), e);
        }
    }

    private void apply(Update update, long at) {
        revisions.put(update.key(), at);
        if (update.exists()) {
            present.add(update.key());
        } else {
            present.remove(update.key());
        }
        revision = Math.max(revision, at);
        engine.accept(update);
    }
}
