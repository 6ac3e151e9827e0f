package dev.palisade.ingest.adapter.etcd;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When etcd committed each recent revision, for the enforcement-latency SLI: the datastore records its own
 * writes the moment the transaction returns, and the change feed records every revision it sees (writes by
 * another ingest replica) if not already known. Bounded: only the newest {@link #CAPACITY} revisions are kept,
 * so a node that reports an older revision simply yields no latency sample rather than a wrong one. Kept in
 * memory: after a restart, revisions committed before it have no commit time and produce no sample.
 */
public final class CommitTimes {

    static final int CAPACITY = 4096;

    private final ConcurrentSkipListMap<Long, Long> millisByRevision = new ConcurrentSkipListMap<>();

    public void committed(long revision, long epochMillis) {
        if (millisByRevision.putIfAbsent(revision, epochMillis) == null) {
            while (millisByRevision.size() > CAPACITY) {
                Map.Entry<Long, Long> oldest = millisByRevision.pollFirstEntry();
                if (oldest == null) {
                    break;
                }
            }
        }
    }

    /** Epoch millis at which {@code revision} was committed, if it is among the recent ones. */
    public OptionalLong commitMillis(long revision) {
        Long millis = millisByRevision.get(revision);
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    /** The newest revision committed as far as this process knows; 0 before the first. */
    public long head() {
        return millisByRevision.isEmpty() ? 0 : millisByRevision.lastKey();
    }
}
