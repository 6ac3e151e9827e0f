package dev.palisade.model.dataplane;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataplaneKeyTest {

    @Test
    void partitionIsStableAndInRangeAndSpreadsNodes() {
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> {
            int p = DataplaneKey.partitionFor("node" + i, 12);
            assertThat(p).isBetween(0, 11);
            assertThat(DataplaneKey.partitionFor("node" + i, 12)).isEqualTo(p);
            used.add(p);
        });
        assertThat(used).hasSize(12);
        // pinned: producers and drivers in other JVMs and versions must agree
        assertThat(DataplaneKey.partitionFor("master", 12)).isEqualTo(Math.floorMod("master".hashCode(), 12));
        assertThatThrownBy(() -> DataplaneKey.partitionFor("x", 0)).hasMessageContaining("positive");
    }
}
