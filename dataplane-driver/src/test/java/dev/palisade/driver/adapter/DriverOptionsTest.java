package dev.palisade.driver.adapter;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backend flag: auto by default (the node's nftablesMode decides), overridable, a wrong value named. */
class DriverOptionsTest {

    @Test
    void dataplaneIsAutoUnlessTheFlagOrTheEnvironmentSaysOtherwise() {
        assertThat(DriverOptions.parse(new String[] {"--node", "n1"}, Map.of()).dataplane()).isEqualTo("auto");
        assertThat(DriverOptions.parse(new String[] {"--node", "n1"}, Map.of("PALISADE_DATAPLANE", "iptables"))
                .dataplane()).isEqualTo("iptables");
        assertThat(DriverOptions.parse(new String[] {"--node", "n1", "--dataplane", "nftables"},
                Map.of("PALISADE_DATAPLANE", "iptables")).dataplane()).as("the command line wins").isEqualTo("nftables");
    }

    @Test
    void anUnknownDataplaneIsRefusedByName() {
        assertThatThrownBy(() -> DriverOptions.parse(new String[] {"--node", "n1", "--dataplane", "ebpf"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ebpf\" is not auto, nftables or iptables");
    }
}
