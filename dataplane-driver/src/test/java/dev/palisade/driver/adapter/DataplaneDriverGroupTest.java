package dev.palisade.driver.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataplaneDriverGroupTest {

    @Test
    void sharedOptionsApplyToEveryNodeAndEachNodeGetsItsNamespace() {
        List<DriverOptions> options = DataplaneDriverGroup.parse(
                new String[] {"--bootstrap", "127.0.0.1:9999", "n1=ns-a", "n2=ns-b", "--interface-poll-ms", "200"}, Map.of());
        assertThat(options).extracting(DriverOptions::node).containsExactly("n1", "n2");
        assertThat(options).extracting(DriverOptions::netns).containsExactly("ns-a", "ns-b");
        assertThat(options).allMatch(o -> o.bootstrap().equals("127.0.0.1:9999") && o.interfacePoll().toMillis() == 200);
    }

    @Test
    void badPairsAndNoNodesAreNamed() {
        assertThatThrownBy(() -> DataplaneDriverGroup.parse(new String[] {"n1"}, Map.of()))
                .hasMessageContaining("\"n1\": expected NODE=NETNS");
        assertThatThrownBy(() -> DataplaneDriverGroup.parse(new String[] {"--bootstrap", "x:1"}, Map.of()))
                .hasMessageContaining("no NODE=NETNS");
    }
}
