package dev.palisade.driver.core;

import dev.palisade.driver.Fixtures;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EntryType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStateAssemblerTest {

    private final NodeStateAssembler assembler = new NodeStateAssembler("node1");

    @Test
    void onlyCompleteBatchesOfThisNodeBecomeState() {
        assertThat(assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("a", "eth0", PolicyLists.EMPTY)))).isEmpty();
        assertThat(assembler.accept(DataplaneMessage.set("node2", Fixtures.hep("b", "eth0", PolicyLists.EMPTY)))).isEmpty();
        NodeState first = assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(5))).orElseThrow();
        assertThat(first.revision()).isEqualTo(5);
        assertThat(first.endpoints()).containsOnlyKeys("a");

        assembler.accept(DataplaneMessage.tombstone(new DataplaneKey("node1", EntryType.ENDPOINT, "a")));
        assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("c", "eth1", PolicyLists.EMPTY)));
        assertThat(assembler.state().endpoints()).as("unfinished batch not applied").containsOnlyKeys("a");
        assertThat(assembler.pendingRecords()).isEqualTo(2);

        NodeState second = assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(9))).orElseThrow();
        assertThat(second.endpoints()).containsOnlyKeys("c");
        assertThat(second.effectiveConfig()).as("no config sent: Felix defaults").isEqualTo(FelixDefaults.CONFIG);
    }
}
