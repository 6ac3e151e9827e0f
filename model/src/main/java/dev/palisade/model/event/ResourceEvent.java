package dev.palisade.model.event;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.Objects;

/**
 * One committed change as published on {@code palisade.resources} (Kafka key = {@code key.toString()}).
 * {@code resource} is the stored resource, or null when the change deleted it. {@code revision} is the
 * etcd revision of the change: consumers skip an event whose revision is not above the last they applied
 * for that key (duplicates after a publisher restart carry the same revision). {@code resync} marks the
 * events of a full snapshot, published when the change history was compacted away; {@link #RESYNC_DONE_KEY}
 * ends such a snapshot.
 */
public record ResourceEvent(int schema, long revision, ResourceKey key, Resource resource, boolean resync) {

    public static final int SCHEMA = 1;

    public ResourceEvent {
        Objects.requireNonNull(key, "key");
    }

    public static ResourceEvent upsert(long revision, Resource resource, boolean resync) {
        return new ResourceEvent(SCHEMA, revision, resource.key(), resource, resync);
    }

    public static ResourceEvent deleted(long revision, ResourceKey key) {
        return new ResourceEvent(SCHEMA, revision, key, null, false);
    }

    public boolean isDelete() {
        return resource == null;
    }

    /** Kafka key of the record that closes a resync snapshot; its revision is the snapshot's. */
    public static final String RESYNC_DONE_KEY = "palisade/resync-done";
}
