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
 */
public final class NodeStateAssembler {

    private final String node;
    private final List<DataplaneMessage> pending = new ArrayList<>();
    private NodeState state = NodeState.EMPTY;

    public NodeStateAssembler(String node) {
        this.node = node;
    }

    /** Takes one record; returns the new complete state when the record is this node's barrier. */
    public Optional<NodeState> accept(DataplaneMessage message) {
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
        state = state.with(pending, ((BatchBarrier) message.entry()).revision());
        pending.clear();
        return Optional.of(state);
    }

    public NodeState state() {
        return state;
    }

    public int pendingRecords() {
        return pending.size();
    }
}
