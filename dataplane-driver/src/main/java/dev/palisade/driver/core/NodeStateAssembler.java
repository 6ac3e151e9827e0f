package dev.palisade.driver.core;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.BatchedStream;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.SharedReferences;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Turns the two streams a node reads — its own ({@code node/<node>/…}) and the shared one ({@code shared/…})
 * — into complete states to enforce (docs/dataplane-format.md, "Batches and barriers"). Each stream keeps its
 * last complete batch ({@link BatchedStream}); records of other nodes are ignored.
 *
 * <p>A barrier that completes a batch yields a state only when the two streams fit together: the shared
 * state is at least as new as the node's barrier says it needs, the node state is at least as new as every
 * shared barrier that named the node, and every shared key the node reaches is present. Otherwise the
 * missing half is a later record of the same flush (the node's partition and the shared one are read side by
 * side, in no particular order between them), so it waits. The state holds the node's entries plus the shared
 * entries they reach, nothing else; a shared batch that changes none of those yields nothing, so that a
 * change elsewhere in the cluster costs this node neither a transaction nor a status record.
 */
public final class NodeStateAssembler {

    private final String node;
    private final String nodePrefix;
    private final BatchedStream own = new BatchedStream();
    private final BatchedStream shared = new BatchedStream();
    /** The newest complete shared batch that named this node: the node's batch of that flush must come first. */
    private long namedRevision;
    private NodeState state = NodeState.EMPTY;
    /** The node barrier of {@link #state}: a newer one is reported even when it changes nothing. */
    private long handedNodeRevision = -1;
    /** A batch was rejected since {@link #state}: the next state clears that report, even if unchanged. */
    private boolean rejectedSinceState;
    private SortedSet<DataplaneKey> missing = Collections.emptySortedSet();

    public NodeStateAssembler(String node) {
        this.node = node;
        this.nodePrefix = DataplaneKey.nodePrefix(node);
    }

    /** Whether the record keyed {@code recordKey} belongs to one of the streams this node reads. */
    public boolean reads(String recordKey) {
        return recordKey != null && streamOf(recordKey) != null;
    }

    /** Takes one record; returns what the record's barrier ended, when it is a barrier that completes something. */
    public Optional<BatchOutcome> accept(DataplaneMessage message) {
        BatchedStream stream = streamOf(message.key().toString());
        if (stream == null) {
            return Optional.empty();
        }
        if (message.key().type() != EntryType.BARRIER) {
            stream.add(message);
            return Optional.empty();
        }
        if (message.entry() == null) {
            return Optional.empty(); // a deleted barrier ends nothing; the stream's next barrier will
        }
        BatchBarrier barrier = (BatchBarrier) message.entry();
        if (stream.end(barrier) instanceof BatchedStream.Ended.Rejected rejected) {
            rejectedSinceState = true;
            return Optional.of(new BatchOutcome.Rejected(barrier.revision(), rejected.errors()));
        }
        if (stream == shared && barrier.nodes().contains(node)) {
            namedRevision = Math.max(namedRevision, barrier.revision());
        }
        return enforceable();
    }

    /** A record of one of this node's streams that could not be decoded: that stream's batch will be rejected. */
    public void undecodable(String recordKey, String error) {
        BatchedStream stream = streamOf(recordKey);
        if (stream != null) {
            stream.undecodable(error);
        }
    }

    private Optional<BatchOutcome> enforceable() {
        BatchBarrier nodeBarrier = own.barrier();
        missing = Collections.emptySortedSet();
        if (nodeBarrier == null || shared.revision() < nodeBarrier.sharedRevision()
                || nodeBarrier.revision() < namedRevision) {
            return Optional.empty(); // no node state yet, or the other half of a flush is still to come
        }
        SharedReferences.Closure closure = SharedReferences.closure(own.entries(), shared::get);
        if (!closure.complete()) {
            missing = Collections.unmodifiableSortedSet(closure.missing());
            return Optional.empty();
        }
        NodeState next = NodeState.of(Math.max(nodeBarrier.revision(), shared.revision()), closure.entries());
        if (nodeBarrier.revision() == handedNodeRevision && !rejectedSinceState && next.sameEntriesAs(state)) {
            return Optional.empty(); // a shared change this node does not reach
        }
        state = next;
        handedNodeRevision = nodeBarrier.revision();
        rejectedSinceState = false;
        return Optional.of(new BatchOutcome.Complete(state));
    }

    private BatchedStream streamOf(String recordKey) {
        if (recordKey.startsWith(DataplaneKey.sharedPrefix())) {
            return shared;
        }
        return recordKey.startsWith(nodePrefix) ? own : null;
    }

    /** The last state handed over; {@link NodeState#EMPTY} before the first. */
    public NodeState state() {
        return state;
    }

    /**
     * The shared keys the node's last complete batches reach but the shared state lacks: while not empty, the
     * node waits for them (they should not be missing at barriers that fit together; worth a warning).
     */
    public SortedSet<DataplaneKey> missing() {
        return missing;
    }

    /** Records of both streams read after their last barrier. */
    public int pendingRecords() {
        return own.pendingRecords() + shared.pendingRecords();
    }
}
