package dev.palisade.model.dataplane;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches, barriers and tombstones of palisade.dataplane, as the driver and the end-to-end watcher read them. */
class BatchedStreamTest {

    private final BatchedStream stream = new BatchedStream();
    private final IpSetEntry db = new IpSetEntry("s:db", "role == 'db'", List.of("198.18.0.1"));
    private final IpSetEntry web = new IpSetEntry("s:web", "role == 'web'", List.of("198.18.0.2"));

    @Test
    void recordsCountOnlyOnceTheirBarrierArrives() {
        stream.add(DataplaneMessage.shared(db));
        assertThat(stream.entries()).isEmpty();
        assertThat(stream.end(BatchBarrier.forShared(3, List.of()))).isInstanceOf(BatchedStream.Ended.Applied.class);
        assertThat(stream.entries()).containsExactly(db);
        assertThat(stream.revision()).isEqualTo(3);
    }

    /** One meaning, as on palisade.resources: a tombstone removes its key (at its batch's barrier). */
    @Test
    void aTombstoneRemovesItsKey() {
        stream.add(DataplaneMessage.shared(db));
        stream.add(DataplaneMessage.shared(web));
        stream.end(BatchBarrier.forShared(1, List.of()));
        DataplaneKey dbKey = DataplaneMessage.shared(db).key();
        stream.add(DataplaneMessage.tombstone(dbKey));
        assertThat(stream.get(dbKey)).as("still there until the barrier").isEqualTo(db);
        BatchedStream.Ended ended = stream.end(BatchBarrier.forShared(2, List.of()));
        assertThat(ended).isEqualTo(new BatchedStream.Ended.Applied(List.of(dbKey)));
        assertThat(stream.get(dbKey)).isNull();
        assertThat(stream.entries()).containsExactly(web);
    }

    @Test
    void aBatchWithAnUnreadableRecordIsRejectedWholeAndItsReadableRecordsWaitForTheNext() {
        stream.add(DataplaneMessage.shared(db));
        stream.undecodable("shared/ipset/x: not JSON");
        assertThat(stream.end(BatchBarrier.forShared(1, List.of())))
                .isEqualTo(new BatchedStream.Ended.Rejected(List.of("shared/ipset/x: not JSON")));
        assertThat(stream.entries()).isEmpty();
        assertThat(stream.end(BatchBarrier.forShared(2, List.of()))).isInstanceOf(BatchedStream.Ended.Applied.class);
        assertThat(stream.entries()).containsExactly(db);
    }
}
