package dev.palisade.model.dataplane;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataplaneStatusTest {

    private final DataplaneCodec codec = new DataplaneCodec();

    @Test
    void roundTripsWithVersionAndOmitsAnAbsentError() {
        DataplaneStatus ok = new DataplaneStatus("node1", 42, 42, 1_700_000_000_000L, 23, 181, 6, 3, 7, 1, 2, null);
        String json = new String(codec.encodeStatus(ok), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"formatVersion\":2,").contains("\"enforcedRevision\":42").doesNotContain("lastError");
        assertThat(codec.decodeStatus(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(ok);
        assertThat(ok.healthy()).isTrue();
        assertThat(new DataplaneStatus("node1", 41, 42, 0, 0, 0, 0, 0, 0, 1, 0, "nft refused").healthy()).isFalse();
    }

    @Test
    void otherVersionsAreRefusedByName() {
        assertThatThrownBy(() -> codec.decodeStatus("{\"formatVersion\":1,\"node\":\"n\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataplaneFormatException.class).hasMessageContaining("formatVersion: 1");
    }
}
