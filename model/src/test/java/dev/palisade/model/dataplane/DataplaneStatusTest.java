package dev.palisade.model.dataplane;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataplaneStatusTest {

    private final DataplaneCodec codec = new DataplaneCodec();

    @Test
    void roundTripsWithVersionAndOmitsAnAbsentError() {
        DataplaneStatus ok = new DataplaneStatus("node1", 42, 42, 1_700_000_000_000L, 23, 181, 6, 3, 7, 1, 2, null,
                List.of(new RuleCounter("default", "gnp/web", "ingress", 1, "Allow", 3, 180)), 1_700_000_001_000L);
        String json = new String(codec.encodeStatus(ok), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"formatVersion\":2,").contains("\"enforcedRevision\":42").doesNotContain("lastError")
                .contains("\"ruleCounters\":[{\"tier\":\"default\",\"policy\":\"gnp/web\"");
        assertThat(codec.decodeStatus(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(ok);
        assertThat(ok.healthy()).isTrue();
        assertThat(new DataplaneStatus("node1", 41, 42, 0, 0, 0, 0, 0, 0, 1, 0, "nft refused", List.of(), 0).healthy()).isFalse();
    }

    @Test
    void otherVersionsAreRefusedByName() {
        assertThatThrownBy(() -> codec.decodeStatus("{\"formatVersion\":1,\"node\":\"n\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataplaneFormatException.class).hasMessageContaining("formatVersion: 1");
    }
}
