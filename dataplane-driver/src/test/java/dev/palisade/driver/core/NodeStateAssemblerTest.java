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
        NodeState first = complete(assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(5))).orElseThrow());
        assertThat(first.revision()).isEqualTo(5);
        assertThat(first.endpoints()).containsOnlyKeys("a");

        assembler.accept(DataplaneMessage.tombstone(new DataplaneKey("node1", EntryType.ENDPOINT, "a")));
        assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("c", "eth1", PolicyLists.EMPTY)));
        assertThat(assembler.state().endpoints()).as("unfinished batch not applied").containsOnlyKeys("a");
        assertThat(assembler.pendingRecords()).isEqualTo(2);

        NodeState second = complete(assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(9))).orElseThrow());
        assertThat(second.endpoints()).containsOnlyKeys("c");
        assertThat(second.effectiveConfig()).as("no config sent: Felix defaults").isEqualTo(FelixDefaults.CONFIG);
    }

    @Test
    void batchWithAnUnreadableRecordIsRejectedWholeAndItsReadableRecordsWaitForTheNextCompleteBatch() {
        assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("a", "eth0", PolicyLists.EMPTY)));
        complete(assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(5))).orElseThrow());

        assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("b", "eth1", PolicyLists.EMPTY)));
        assembler.undecodable("record node/node1/policy/gnp/x at offset 7 unreadable: formatVersion 2");
        BatchOutcome outcome = assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(6))).orElseThrow();
        assertThat(outcome).isInstanceOf(BatchOutcome.Rejected.class);
        assertThat(outcome.revision()).isEqualTo(6);
        assertThat(((BatchOutcome.Rejected) outcome).summary()).contains("revision 6").contains("gnp/x");
        assertThat(assembler.state().endpoints()).as("nothing of the rejected batch applied").containsOnlyKeys("a");

        assembler.accept(DataplaneMessage.set("node1", Fixtures.hep("c", "eth2", PolicyLists.EMPTY)));
        NodeState next = complete(assembler.accept(DataplaneMessage.set("node1", new BatchBarrier(7))).orElseThrow());
        assertThat(next.revision()).isEqualTo(7);
        assertThat(next.endpoints()).as("the rejected batch's readable records come with the next complete one")
                .containsOnlyKeys("a", "b", "c");
    }

    private static NodeState complete(BatchOutcome outcome) {
        assertThat(outcome).isInstanceOf(BatchOutcome.Complete.class);
        return ((BatchOutcome.Complete) outcome).state();
    }
}
