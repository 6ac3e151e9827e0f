package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingDataplaneTest {

    private static final DataplaneMessage CONFIG = DataplaneMessage.set("n", new NodeConfigEntry(null, null, null,
            null, null, null, null, true, "Drop", "p", "insert", 1));
    private static final DataplaneMessage BARRIER = DataplaneMessage.set("n", new BatchBarrier(1));

    private static DataplaneMessage endpoint(List<String> profiles) {
        return DataplaneMessage.set("n", new EndpointEntry("h", "eth0", null, profiles, null, null, null, null));
    }

    @Test
    void acceptsAConsistentBatch() {
        RecordingDataplane dp = new RecordingDataplane();
        dp.publish("n", List.of(CONFIG, endpoint(List.of()), BARRIER));
        assertThat(dp.state("n")).hasSize(2);
    }

    @Test
    void rejectsBatchWithoutBarrier() {
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(CONFIG)))
                .hasMessageContaining("does not end with a barrier");
    }

    @Test
    void rejectsReferenceToMissingProfile() {
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(CONFIG, endpoint(List.of("p")), BARRIER)))
                .hasMessageContaining("endpoint references missing node/n/profile/p");
    }

    @Test
    void rejectsUnreferencedSetAndNoOpRecordsAndSpuriousTombstones() {
        DataplaneMessage set = DataplaneMessage.set("n", new IpSetEntry("s:x", "all()", List.of()));
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(CONFIG, set, BARRIER)))
                .hasMessageContaining("entry nothing references");
        RecordingDataplane dp = new RecordingDataplane();
        dp.publish("n", List.of(CONFIG, BARRIER));
        assertThatThrownBy(() -> dp.publish("n", List.of(CONFIG, BARRIER))).hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> dp.publish("n", List.of(
                DataplaneMessage.tombstone(new DataplaneKey("n", EntryType.POLICY, "gnp/x")), BARRIER)))
                .hasMessageContaining("tombstone for a key the node does not have");
    }

    @Test
    void rejectsOutOfOrderRecords() {
        assertThatThrownBy(() -> new RecordingDataplane().publish("n", List.of(endpoint(List.of()), CONFIG, BARRIER)))
                .hasMessageContaining("out of dependency order");
    }
}
