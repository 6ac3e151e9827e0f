package dev.palisade.driver.core;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream of {@code palisade.dataplane} (a node's, or the shared one) as a driver reads it: the records
 * since the last barrier stay pending, and a barrier makes them part of the stream's last complete state.
 *
 * <p>A batch holding a record that could not be decoded is rejected whole at its barrier: the state stays as
 * it was. Its readable records stay pending and come with the next batch that is read completely, because
 * every value is a full snapshot of its key and the calculator sends a key again only when it changes:
 * dropping them would leave those keys stale until they happen to change. The unreadable key keeps its last
 * readable value.
 */
final class BatchedStream {

    private final List<DataplaneMessage> pending = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();
    private final Map<DataplaneKey, DataplaneEntry> entries = new HashMap<>();
    private BatchBarrier barrier;

    void add(DataplaneMessage message) {
        pending.add(message);
    }

    void undecodable(String error) {
        undecodable.add(error);
    }

    /** Ends the pending batch at {@code end}: empty when it became the stream's state, its rejection otherwise. */
    Optional<BatchOutcome.Rejected> end(BatchBarrier end) {
        if (!undecodable.isEmpty()) {
            BatchOutcome.Rejected rejected = new BatchOutcome.Rejected(end.revision(), undecodable);
            undecodable.clear();
            return Optional.of(rejected);
        }
        for (DataplaneMessage m : pending) {
            if (m.isTombstone()) {
                entries.remove(m.key());
            } else {
                entries.put(m.key(), m.entry());
            }
        }
        pending.clear();
        barrier = end;
        return Optional.empty();
    }

    /** The barrier of the last complete batch; null before the first. */
    BatchBarrier barrier() {
        return barrier;
    }

    /** The revision of the last complete batch; 0 (no revision) before the first. */
    long revision() {
        return barrier == null ? 0 : barrier.revision();
    }

    /** The value of {@code key} in the last complete state; null when absent. */
    DataplaneEntry get(DataplaneKey key) {
        return entries.get(key);
    }

    Collection<DataplaneEntry> entries() {
        return entries.values();
    }

    int pendingRecords() {
        return pending.size();
    }
}
