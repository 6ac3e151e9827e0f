package dev.palisade.model.dataplane;

import java.util.Objects;

/**
 * One record, for one node or shared ({@link DataplaneKey#isShared()}): an entry to set, or a tombstone ({@code entry} null) that removes the key.
 * Existence is decided by the value, never by a separate event type.
 */
public record DataplaneMessage(DataplaneKey key, DataplaneEntry entry) {

    public DataplaneMessage {
        Objects.requireNonNull(key, "key");
        if (entry != null && (entry.type() != key.type() || !entry.id().equals(key.id()))) {
            throw new IllegalArgumentException("entry " + entry.type().keyword() + "/" + entry.id()
                    + " does not belong under key " + key);
        }
    }

    public static DataplaneMessage set(String node, DataplaneEntry entry) {
        return new DataplaneMessage(DataplaneKey.of(node, entry), entry);
    }

    /** A shared entry (set, policy, profile) or the shared barrier. */
    public static DataplaneMessage shared(DataplaneEntry entry) {
        return new DataplaneMessage(DataplaneKey.shared(entry.type(), entry.id()), entry);
    }

    public static DataplaneMessage tombstone(DataplaneKey key) {
        return new DataplaneMessage(key, null);
    }

    public boolean isTombstone() {
        return entry == null;
    }
}
