package dev.palisade.driver.core;

import dev.palisade.driver.Fixtures;
import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.palisade.driver.Fixtures.TCP;
import static dev.palisade.driver.Fixtures.hep;
import static dev.palisade.driver.Fixtures.ingress;
import static dev.palisade.driver.Fixtures.ipSet;
import static dev.palisade.driver.Fixtures.policy;
import static dev.palisade.driver.Fixtures.tier;
import static dev.palisade.driver.Fixtures.toPort;
import static dev.palisade.driver.Fixtures.toPortFromSet;
import static org.assertj.core.api.Assertions.assertThat;

class NodeStateAssemblerTest {

    private static final EndpointEntry WEB_HEP = hep("a", "eth0", ingress(tier("default", "gnp/web")));
    private static final PolicyEntry WEB_80 = policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of());
    private static final PolicyEntry WEB_8080 = policy("web", List.of(toPort(Action.Allow, TCP, 8080)), List.of());

    private final NodeStateAssembler assembler = new NodeStateAssembler("node1");

    @Test
    void onlyCompleteBatchesOfThisNodeBecomeState() {
        assertThat(shared(1, List.of(), WEB_80)).as("no node state yet: nothing to enforce").isEmpty();
        assertThat(node("node1", 5, 1, WEB_HEP)).isPresent();
        assertThat(node("node2", 6, 1, hep("b", "eth0", PolicyLists.EMPTY))).as("another node's batch").isEmpty();
        NodeState first = assembler.state();
        assertThat(first.revision()).isEqualTo(5);
        assertThat(first.endpoints()).containsOnlyKeys("a");
        assertThat(first.policies()).containsOnlyKeys("gnp/web");

        assembler.accept(DataplaneMessage.tombstone(new DataplaneKey("node1", EntryType.ENDPOINT, "a")));
        assembler.accept(DataplaneMessage.set("node1", hep("c", "eth1", PolicyLists.EMPTY)));
        assembler.accept(DataplaneMessage.shared(WEB_8080));
        assertThat(assembler.state().endpoints()).as("unfinished batch not applied").containsOnlyKeys("a");
        assertThat(assembler.pendingRecords()).isEqualTo(3);

        NodeState second = complete(assembler.accept(DataplaneMessage.set("node1", BatchBarrier.forNode(9, 1))));
        assertThat(second.revision()).isEqualTo(9);
        assertThat(second.endpoints()).containsOnlyKeys("c");
        assertThat(second.policies()).as("no endpoint reaches gnp/web any more").isEmpty();
        assertThat(second.effectiveConfig()).as("no config sent: Felix defaults").isEqualTo(FelixDefaults.CONFIG);
        assertThat(assembler.pendingRecords()).as("the shared record waits for its barrier").isEqualTo(1);
    }

    @Test
    void nodeBatchWaitsForTheSharedBatchItNeeds() {
        assertThat(node("node1", 5, 5, WEB_HEP)).as("shared revision 5 not read yet").isEmpty();
        assertThat(assembler.state()).isEqualTo(NodeState.EMPTY);

        NodeState state = complete(shared(5, List.of("node1"), WEB_80));
        assertThat(state.revision()).isEqualTo(5);
        assertThat(state.policies()).containsEntry("gnp/web", WEB_80);
        assertThat(state.endpoints()).containsOnlyKeys("a");
    }

    @Test
    void sharedBarrierNamingTheNodeWaitsForTheNodeBatchOfTheSameFlush() {
        shared(5, List.of("node1"), WEB_80);
        complete(node("node1", 5, 5, WEB_HEP));

        EndpointEntry two = hep("a", "eth0", ingress(tier("default", "gnp/web", "gnp/ssh")));
        PolicyEntry ssh = policy("ssh", List.of(toPort(Action.Allow, TCP, 22)), List.of());
        assertThat(shared(6, List.of("node1", "node2"), ssh)).as("node1's own half of revision 6 not read yet").isEmpty();
        assertThat(assembler.state().revision()).isEqualTo(5);

        NodeState state = complete(node("node1", 6, 6, two));
        assertThat(state.revision()).isEqualTo(6);
        assertThat(state.policies()).containsOnlyKeys("gnp/web", "gnp/ssh");
        assertThat(state.endpoints().get("a")).isEqualTo(two);
    }

    @Test
    void sharedBarrierNotNamingTheNodeAppliesAtOnceWithTheOldNodeState() {
        shared(5, List.of("node1"), WEB_80);
        NodeState before = complete(node("node1", 5, 5, WEB_HEP));

        NodeState after = complete(shared(7, List.of("node2"), WEB_8080));
        assertThat(after.revision()).as("the larger of the two barriers").isEqualTo(7);
        assertThat(after.policies()).containsEntry("gnp/web", WEB_8080);
        assertThat(after.endpoints().get("a")).as("node state kept, same instance").isSameAs(before.endpoints().get("a"));
    }

    @Test
    void sharedEntriesTheNodeDoesNotReachStayOutOfItsStateAndTheirChangesYieldNothing() {
        PolicyEntry db = policy("db", List.of(toPortFromSet(Action.Allow, TCP, 5432, "clients")), List.of());
        PolicyEntry web = policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "web-clients")), List.of());
        shared(5, List.of("node1"), web, ipSet("web-clients", "198.18.0.2/32"), db, ipSet("clients", "198.18.0.3/32"),
                Fixtures.defaultAllow());
        NodeState state = complete(node("node1", 5, 5, WEB_HEP));
        assertThat(state.policies()).containsOnlyKeys("gnp/web");
        assertThat(state.ipSets()).as("sets reached through the node's policies only").containsOnlyKeys("web-clients");
        assertThat(state.profiles()).isEmpty();

        assertThat(shared(6, List.of("node2"), ipSet("clients", "198.18.0.4/32"))).as("nothing node1 reaches").isEmpty();
        assertThat(assembler.state()).isSameAs(state);

        NodeState next = complete(shared(7, List.of("node2"), ipSet("web-clients", "198.18.0.5/32")));
        assertThat(next.revision()).isEqualTo(7);
        assertThat(next.ipSets().get("web-clients").members()).containsExactly("198.18.0.5/32");
    }

    @Test
    void missingReferencedSharedKeyWaitsUntilItArrives() {
        shared(4, List.of());
        assertThat(node("node1", 5, 4, WEB_HEP)).isEmpty();
        assertThat(assembler.missing()).containsExactly(DataplaneKey.shared(EntryType.POLICY, "gnp/web"));

        PolicyEntry web = policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "web-clients")), List.of());
        assertThat(shared(6, List.of(), web)).as("the policy's set is missing now").isEmpty();
        assertThat(assembler.missing()).containsExactly(DataplaneKey.shared(EntryType.IP_SET, "web-clients"));

        NodeState state = complete(shared(7, List.of(), ipSet("web-clients", "198.18.0.2/32")));
        assertThat(assembler.missing()).isEmpty();
        assertThat(state.revision()).isEqualTo(7);
        assertThat(state.policies()).containsOnlyKeys("gnp/web");
        assertThat(state.ipSets()).containsOnlyKeys("web-clients");
    }

    @Test
    void nodeBatchWithAnUnreadableRecordIsRejectedWholeAndItsReadableRecordsWaitForTheNextCompleteBatch() {
        shared(1, List.of());
        complete(node("node1", 5, 1, hep("a", "eth0", PolicyLists.EMPTY)));

        assembler.accept(DataplaneMessage.set("node1", hep("b", "eth1", PolicyLists.EMPTY)));
        assembler.undecodable("node/node1/endpoint/x", "record node/node1/endpoint/x at offset 7 unreadable: formatVersion 3");
        BatchOutcome outcome = assembler.accept(DataplaneMessage.set("node1", BatchBarrier.forNode(6, 1))).orElseThrow();
        assertThat(outcome).isInstanceOf(BatchOutcome.Rejected.class);
        assertThat(outcome.revision()).isEqualTo(6);
        assertThat(((BatchOutcome.Rejected) outcome).summary()).contains("revision 6").contains("endpoint/x");
        assertThat(assembler.state().endpoints()).as("nothing of the rejected batch applied").containsOnlyKeys("a");

        NodeState next = complete(node("node1", 7, 1, hep("c", "eth2", PolicyLists.EMPTY)));
        assertThat(next.revision()).isEqualTo(7);
        assertThat(next.endpoints()).as("the rejected batch's readable records come with the next complete one")
                .containsOnlyKeys("a", "b", "c");
    }

    @Test
    void sharedBatchWithAnUnreadableRecordIsRejectedWholeAndTheNextCompleteOneClearsItEvenWhenNothingReachedChanged() {
        shared(5, List.of("node1"), WEB_80);
        complete(node("node1", 5, 5, WEB_HEP));

        assembler.accept(DataplaneMessage.shared(WEB_8080));
        assembler.undecodable("shared/policy/gnp/broken", "record shared/policy/gnp/broken unreadable");
        assembler.undecodable("node/node2/endpoint/x", "another node's record: not node1's business");
        BatchOutcome outcome = shared(6, List.of("node2")).orElseThrow();
        assertThat(outcome).isInstanceOf(BatchOutcome.Rejected.class);
        assertThat(((BatchOutcome.Rejected) outcome).errors()).containsExactly("record shared/policy/gnp/broken unreadable");
        assertThat(assembler.state().policies()).containsEntry("gnp/web", WEB_80);

        NodeState next = complete(shared(7, List.of("node2"), ipSet("unrelated", "198.18.0.9/32")));
        assertThat(next.revision()).isEqualTo(7);
        assertThat(next.policies()).as("the rejected batch's readable record").containsEntry("gnp/web", WEB_8080);

        assertThat(shared(8, List.of("node2"), ipSet("unrelated", "198.18.0.10/32")))
                .as("after a complete state, unrelated shared batches yield nothing again").isEmpty();
    }

    private Optional<BatchOutcome> shared(long revision, List<String> nodes, DataplaneEntry... entries) {
        for (DataplaneEntry e : entries) {
            assertThat(assembler.accept(DataplaneMessage.shared(e))).isEmpty();
        }
        return assembler.accept(DataplaneMessage.shared(BatchBarrier.forShared(revision, nodes)));
    }

    private Optional<BatchOutcome> node(String node, long revision, long sharedRevision, DataplaneEntry... entries) {
        for (DataplaneEntry e : entries) {
            assertThat(assembler.accept(DataplaneMessage.set(node, e))).isEmpty();
        }
        return assembler.accept(DataplaneMessage.set(node, BatchBarrier.forNode(revision, sharedRevision)));
    }

    private static NodeState complete(Optional<BatchOutcome> outcome) {
        assertThat(outcome).containsInstanceOf(BatchOutcome.Complete.class);
        return ((BatchOutcome.Complete) outcome.orElseThrow()).state();
    }
}
