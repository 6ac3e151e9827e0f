package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Ends a consistent batch of one stream — one node's, or the shared one: every record of the stream before
 * it, and none after it, belongs to the desired state as of etcd revision {@code revision}. A driver applies
 * everything up to a barrier in one transaction and nothing past the last barrier. There is one barrier key
 * per stream, so compaction keeps only the newest, which is the stream's last record.
 *
 * <p>The two fields tie the streams of one flush together, so a driver never combines a node state with a
 * shared state from a revision at which the other had changed too:
 *
 * @param sharedRevision on a node barrier: the revision of the shared state this node state needs (the
 *                       newest shared barrier at or before it; 0 when none was published yet, absent in JSON)
 * @param nodes          on the shared barrier: the nodes that also have a batch ending at {@code revision}
 */
public record BatchBarrier(long revision, long sharedRevision, List<String> nodes) implements DataplaneEntry {

    public static final String ID = "batch";

    public BatchBarrier {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A node barrier that needs no shared state newer than what the driver has. */
    public BatchBarrier(long revision) {
        this(revision, 0, List.of());
    }

    public static BatchBarrier forNode(long revision, long sharedRevision) {
        return new BatchBarrier(revision, sharedRevision, List.of());
    }

    public static BatchBarrier forShared(long revision, List<String> nodes) {
        return new BatchBarrier(revision, 0, nodes);
    }

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
