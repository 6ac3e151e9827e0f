package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingDataplaneTest {

    private static final DataplaneMessage CONFIG = DataplaneMessage.set("n", new NodeConfigEntry(null, null, null,
            null, null, null, null, true, "Drop", "p", "insert", 1, null));
    private static final DataplaneMessage PROFILE = DataplaneMessage.shared(
            new ProfileEntry("p", false, List.of(RuleEntry.of(Action.Allow)), List.of()));

    private static DataplaneMessage barrier(long revision, long sharedRevision) {
        return DataplaneMessage.set("n", BatchBarrier.forNode(revision, sharedRevision));
    }

    private static DataplaneMessage sharedBarrier(long revision, String... nodes) {
        return DataplaneMessage.shared(BatchBarrier.forShared(revision, List.of(nodes)));
    }

    private static DataplaneMessage endpoint(List<String> profiles) {
        return DataplaneMessage.set("n", new EndpointEntry("h", "eth0", null, profiles, null, null, null, null));
    }

    @Test
    void acceptsAConsistentFlushAndShowsTheNodeItsClosure() {
        RecordingDataplane dp = new RecordingDataplane();
        dp.publish(null, List.of(PROFILE, sharedBarrier(1, "n")));
        dp.publish("n", List.of(CONFIG, endpoint(List.of("p")), barrier(1, 1)));
        assertThat(dp.state("n")).containsOnlyKeys(CONFIG.key(), endpoint(List.of()).key(),
                DataplaneKey.shared(EntryType.PROFILE, "p"));
    }

    @Test
    void rejectsBatchWithoutBarrier() {
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(CONFIG)))
                .hasMessageContaining("does not end with a barrier");
    }

    @Test
    void rejectsReferenceToMissingProfileOnceTheFlushIsComplete() {
        RecordingDataplane dp = new RecordingDataplane();
        dp.publish("n", List.of(CONFIG, endpoint(List.of("p")), barrier(1, 0)));
        assertThatThrownBy(() -> dp.state("n")).hasMessageContaining("references missing [shared/profile/p]");
    }

    @Test
    void rejectsBarriersThatDoNotTieTheStreamsTogether() {
        RecordingDataplane wrongRevision = new RecordingDataplane();
        wrongRevision.publish(null, List.of(PROFILE, sharedBarrier(1, "n")));
        assertThatThrownBy(() -> wrongRevision.publish("n", List.of(CONFIG, endpoint(List.of("p")), barrier(1, 0))))
                .hasMessageContaining("needs shared revision 0 but the newest shared barrier is 1");
        RecordingDataplane unnamed = new RecordingDataplane();
        unnamed.publish(null, List.of(PROFILE, sharedBarrier(1)));
        unnamed.publish("n", List.of(CONFIG, endpoint(List.of("p")), barrier(1, 1)));
        assertThatThrownBy(unnamed::all).hasMessageContaining("barrier names nodes [] but the flush had batches for [n]");
        RecordingDataplane late = new RecordingDataplane();
        late.publish("n", List.of(CONFIG, barrier(1, 0)));
        assertThatThrownBy(() -> late.publish(null, List.of(PROFILE, sharedBarrier(1, "n"))))
                .hasMessageContaining("shared batch after node batches of its flush");
    }

    @Test
    void rejectsUnreachedSharedEntriesAndNoOpRecordsAndSpuriousTombstones() {
        RecordingDataplane unreached = new RecordingDataplane();
        unreached.publish(null, List.of(DataplaneMessage.shared(new IpSetEntry("s:x", "all()", List.of())),
                sharedBarrier(1, "n")));
        unreached.publish("n", List.of(CONFIG, barrier(1, 1)));
        assertThatThrownBy(unreached::all).hasMessageContaining("entry no node reaches: shared/ipset/s:x");
        RecordingDataplane dp = new RecordingDataplane();
        dp.publish("n", List.of(CONFIG, barrier(1, 0)));
        assertThatThrownBy(() -> dp.publish("n", List.of(CONFIG, barrier(2, 0)))).hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> dp.publish(null, List.of(
                DataplaneMessage.tombstone(DataplaneKey.shared(EntryType.POLICY, "gnp/x")), sharedBarrier(3))))
                .hasMessageContaining("tombstone for a key the stream does not have");
    }

    @Test
    void rejectsOutOfOrderRecordsAndRecordsOfAnotherStream() {
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(endpoint(List.of()), CONFIG, barrier(1, 0))))
                .hasMessageContaining("out of dependency order");
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(PROFILE, barrier(1, 0))))
                .hasMessageContaining("record of another stream");
    }
}
