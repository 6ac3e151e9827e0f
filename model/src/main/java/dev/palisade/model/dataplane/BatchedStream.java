package dev.palisade.model.dataplane;


import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream of {@code palisade.dataplane} (a node's, or the shared one) as every consumer reads it (the
 * driver, the end-to-end watcher; docs/dataplane-format.md, "Batches and barriers"): the records since the
 * last barrier stay pending, a barrier makes them part of the stream's last complete state, and a tombstone
 * removes its key from it.
 *
 * <p>A batch holding a record that could not be decoded is rejected whole at its barrier: the state stays as
 * it was. Its readable records stay pending and come with the next batch that is read completely, because
 * every value is a full snapshot of its key and the calculator sends a key again only when it changes:
 * dropping them would leave those keys stale until they happen to change. The unreadable key keeps its last
 * readable value.
 */
public final class BatchedStream {

    /** What a barrier did to the stream. */
    public sealed interface Ended {
        /** The batch became the stream's state; {@code keys} are those it wrote or removed. */
        record Applied(List<DataplaneKey> keys) implements Ended {
            public Applied {
                keys = List.copyOf(keys);
            }
        }

        /** The batch held records that could not be decoded; {@code errors} names each. The state is unchanged. */
        record Rejected(List<String> errors) implements Ended {
            public Rejected {
                errors = List.copyOf(errors);
            }
        }
    }

    private final List<DataplaneMessage> pending = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();
    private final Map<DataplaneKey, DataplaneEntry> entries = new HashMap<>();
    private BatchBarrier barrier;

    public void add(DataplaneMessage message) {
        pending.add(message);
    }

    public void undecodable(String error) {
        undecodable.add(error);
    }

    /** Ends the pending batch at {@code end}. */
    public Ended end(BatchBarrier end) {
        if (!undecodable.isEmpty()) {
            Ended rejected = new Ended.Rejected(undecodable);
            undecodable.clear();
            return rejected;
        }
        List<DataplaneKey> keys = new ArrayList<>(pending.size());
        for (DataplaneMessage m : pending) {
            if (m.isTombstone()) {
                entries.remove(m.key());
            } else {
                entries.put(m.key(), m.entry());
            }
            keys.add(m.key());
        }
        pending.clear();
        barrier = end;
        return new Ended.Applied(keys);
    }

    /** The barrier of the last complete batch; null before the first. */
    public BatchBarrier barrier() {
        return barrier;
    }

    /** The revision of the last complete batch; 0 (no revision) before the first. */
    public long revision() {
        return barrier == null ? 0 : barrier.revision();
    }

    /** The value of {@code key} in the last complete state; null when absent. */
    public DataplaneEntry get(DataplaneKey key) {
        return entries.get(key);
    }

    public Collection<DataplaneEntry> entries() {
        return entries.values();
    }

    public int pendingRecords() {
        return pending.size();
    }
}
