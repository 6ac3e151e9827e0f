package dev.palisade.driver.core;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one node's record stream into complete states: records are buffered until the node's barrier, and
 * only then applied, all together. Records of other nodes (they share the partition) are ignored, and
 * records after the last barrier stay pending: they belong to a batch that is not finished.
 *
 * <p>A batch holding a record that could not be decoded is rejected whole at its barrier: the state stays
 * as it was. Its readable records stay pending and are applied with the next batch that is read completely,
 * because every value is a full snapshot of its key and the calculator sends a key again only when it
 * changes: dropping them would leave those keys stale until they happen to change. The unreadable key keeps
 * its last readable value.
 */
public final class NodeStateAssembler {

    private final String node;
    private final List<DataplaneMessage> pending = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();
    private NodeState state = NodeState.EMPTY;

    public NodeStateAssembler(String node) {
        this.node = node;
    }

    /** Takes one record; returns what the batch became when the record is this node's barrier. */
    public Optional<BatchOutcome> accept(DataplaneMessage message) {
        if (!message.key().node().equals(node)) {
            return Optional.empty();
        }
        if (message.key().type() != EntryType.BARRIER) {
            pending.add(message);
            return Optional.empty();
        }
        if (message.entry() == null) {
            return Optional.empty(); // a deleted barrier ends nothing; the node's next barrier will
        }
        long revision = ((BatchBarrier) message.entry()).revision();
        if (!undecodable.isEmpty()) {
            BatchOutcome rejected = new BatchOutcome.Rejected(revision, undecodable);
            undecodable.clear();
            return Optional.of(rejected);
        }
        state = state.with(pending, revision);
        pending.clear();
        return Optional.of(new BatchOutcome.Complete(state));
    }

    /** A record of this node that could not be decoded: the batch it belongs to will be rejected. */
    public void undecodable(String error) {
        undecodable.add(error);
    }

    public NodeState state() {
        return state;
    }

    public int pendingRecords() {
        return pending.size();
    }
}
