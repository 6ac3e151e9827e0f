package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Ends a consistent batch for one node: every record of the node before it, and none after it, belongs to
 * the desired state as of etcd revision {@code revision}. A driver applies everything up to a barrier in one
 * transaction and nothing past the last barrier. There is one barrier key per node, so compaction keeps only
 * the newest, which is the node's last record: a driver replaying the compacted topic meets it after the
 * latest value of every key it must apply.
 */
public record BatchBarrier(long revision) implements DataplaneEntry {

    public static final String ID = "batch";

    @Override
    @JsonIgnore
    public String id() {
        return ID;
    }

    @Override
    public EntryType type() {
        return EntryType.BARRIER;
    }
}
