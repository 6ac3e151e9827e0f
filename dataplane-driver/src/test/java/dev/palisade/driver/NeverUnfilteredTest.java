package dev.palisade.driver;

import dev.palisade.driver.adapter.IpInterfaceWatcher;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;
import dev.palisade.driver.sync.DriverLoop;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;
import dev.palisade.testkit.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant Calico broke in projectcalico/calico#13425: a node is never left unfiltered. A prober in a peer
 * namespace keeps sending real packets while a driver enforces a policy, stops (as after kill -9: the rules stay
 * in the kernel, nothing removes them), and a new driver with no memory of what it applied starts, enforces a
 * newer revision, is handed a revision the kernel refuses, and then a good one. Throughout, a port no revision
 * allows stays dropped and the failsafe port stays open. The restart is a new backend and loop in this JVM
 * (what a restarted process has: an empty record and the kernel's table), not a new process.
 */
class NeverUnfilteredTest {

    private static final String NODE_IP = "198.18.0.1";
    private static final String EXT_IP = "198.18.0.2";
    /** Allowed by no revision: any answer on it means the node was unfiltered. */
    private static final int NEVER_ALLOWED = 80;

    private static NetNs node;
    private static NetNs ext;
    private static Lab lab;

    @BeforeAll
    static void topology() {
        node = NetNs.create("node");
        ext = NetNs.create("ext");
        node.veth("eth0", ext, "eth0");
        node.addAddress("eth0", NODE_IP + "/24");
        ext.addAddress("eth0", EXT_IP + "/24");
        lab = new Lab();
        lab.listen(node, "tcp:22", "tcp:" + NEVER_ALLOWED, "tcp:8080", "tcp:8081");
    }

    @AfterAll
    static void teardown() {
        if (lab != null) {
            lab.close();
        }
        for (NetNs ns : new NetNs[] {node, ext}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Lab.Backend.class)
    void restartAndRefusedApplyNeverLeaveTheNodeUnfiltered(Lab.Backend backend) throws Exception {
        Lab.Backend.clear(node);
        List<HostInterface> interfaces = new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(),
                Duration.ofSeconds(1), i -> { }).read();
        try (FilteredWatch prober = new FilteredWatch(NODE_IP, NEVER_ALLOWED, targets -> lab.probeAll(ext, 0.3, targets))) {
            List<DataplaneStatus> first = new CopyOnWriteArrayList<>();
            DriverLoop before = new DriverLoop(NODE, backend.create(node), Duration.ofHours(1), first::add);
            before.interfaces(interfaces);
            before.desired(allowing(1, 8080));
            await(() -> enforced(first, 1), "revision 1 enforced", backend);
            prober.start();
            prober.awaitRounds(2);

            before.close(); // the process is gone; its rules are not
            long stoppedAt = prober.rounds();
            prober.awaitRounds(stoppedAt + 2);
            assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("no driver running: revision 1 still in force")
                    .isEqualTo("open");

            List<DataplaneStatus> second = new CopyOnWriteArrayList<>();
            try (DriverLoop after = new DriverLoop(NODE, backend.create(node), Duration.ofHours(1), second::add)) {
                after.interfaces(interfaces);
                after.desired(allowing(2, 8081));
                await(() -> enforced(second, 2), "revision 2 enforced by the restarted driver", backend);
                prober.awaitRounds(prober.rounds() + 2);

                after.desired(refusedByTheKernel(3));
                await(() -> !second.isEmpty() && second.getLast().lastError() != null
                        && second.getLast().attemptedRevision() == 3, "revision 3 refused and reported", backend);
                prober.awaitRounds(prober.rounds() + 2);
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8081)).as("revision 2 whole after the refusal")
                        .isEqualTo("open");
                assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("revision 3 never half applied")
                        .isEqualTo("timeout");

                after.desired(allowing(4, 8080));
                await(() -> enforced(second, 4), "revision 4 enforced after the refusal", backend);
                prober.awaitRounds(prober.rounds() + 2);
            }
            prober.stop();
            assertThat(prober.violations()).as("what the prober saw that an unfiltered node would answer\n"
                    + backend.listing(node)).isEmpty();
            assertThat(prober.rounds()).isGreaterThanOrEqualTo(10);
        } finally {
            Lab.Backend.clear(node);
        }
    }

    /** A named host endpoint whose only policy allows {@code port}: everything else but failsafes is dropped. */
    private static NodeState allowing(long revision, int port) {
        return state(revision, config(), policy("web", List.of(toPort(Action.Allow, TCP, port)), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
    }

    /** Opens 8080 but also carries a port range the kernel refuses (9000-8000), so the whole revision must fail. */
    private static NodeState refusedByTheKernel(long revision) {
        RuleEntry bad = new RuleEntry(Action.Allow, null, TCP, null, null, null, null,
                new RuleEntry.PeerMatch(null, null, null, null, List.of(new PortRange(9000, 8000)), null, null, null));
        return state(revision, config(), policy("web", List.of(toPort(Action.Allow, TCP, 8080), bad), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
    }

    private static boolean enforced(List<DataplaneStatus> statuses, long revision) {
        return statuses.stream().anyMatch(s -> s.enforcedRevision() == revision);
    }

    private static void await(BooleanSupplier condition, String what, Lab.Backend backend) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what + "\n" + backend.listing(node));
            }
            Thread.sleep(20);
        }
    }
}
