package dev.palisade.driver.sync;

import dev.palisade.driver.nft.NftBackend;
import dev.palisade.driver.nft.fake.FakeNft;

import dev.palisade.driver.core.HostInterface;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The loop's own duties, on the fake: retry after a refused transaction, status, drift repair. */
class DriverLoopTest {

    private static final List<HostInterface> IFACES = List.of(new HostInterface("eth0", List.of("198.18.0.1")));

    @Test
    void refusedTransactionIsReportedRetriedAndDriftIsRepaired() throws Exception {
        FakeNft nft = new FakeNft();
        List<DataplaneStatus> statuses = new CopyOnWriteArrayList<>();
        try (DriverLoop loop = new DriverLoop(NODE, new NftBackend(nft, nft),
                Duration.ofMillis(200), statuses::add)) {
            loop.start();
            nft.failNextRun("Error: Could not process rule: Cannot allocate memory");
            loop.interfaces(IFACES);
            loop.desired(state(5, config(), policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of(RuleEntry.of(Action.Allow))),
                    hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))));

            await(() -> statuses.stream().anyMatch(s -> s.lastError() != null), "failure reported");
            DataplaneStatus failed = statuses.stream().filter(s -> s.lastError() != null).findFirst().orElseThrow();
            assertThat(failed.lastError()).contains("Cannot allocate memory");
            assertThat(failed.enforcedRevision()).isEqualTo(-1);
            assertThat(failed.attemptedRevision()).isEqualTo(5);
            assertThat(failed.healthy()).isFalse();

            await(() -> !statuses.isEmpty() && statuses.getLast().healthy() && statuses.getLast().enforcedRevision() == 5,
                    "retried and enforced");
            assertThat(loop.metrics().failures()).isEqualTo(1);
            assertThat(statuses.getLast().rules()).isPositive();
            String applied = nft.dump();

            nft.flushTableFromOutside();
            await(() -> loop.metrics().driftRepairs() == 1 && nft.dump().equals(applied), "flushed table restored");
            assertThat(loop.metrics().prometheusText()).contains("palisade_driver_drift_repairs_total 1")
                    .contains("palisade_driver_transaction_failures_total 1");
        }
    }

    @Test
    void quietTableIsListedOnlyNowAndThenAndASwappedSetElementIsRepaired() throws Exception {
        FakeNft nft = new FakeNft();
        List<DataplaneStatus> statuses = new CopyOnWriteArrayList<>();
        try (DriverLoop loop = new DriverLoop(NODE, new NftBackend(nft, nft), Duration.ofMillis(100), statuses::add)) {
            loop.start();
            loop.interfaces(IFACES);
            loop.desired(state(3, config(), ipSet("trusted", "198.18.0.2/32", "198.18.0.3/32"),
                    policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "trusted")), List.of()),
                    hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))));
            await(() -> !statuses.isEmpty() && statuses.getLast().enforcedRevision() == 3, "enforced");
            await(() -> nft.listings() > 0, "the table read once after the driver's own change");

            int before = nft.listings();
            long checks = loop.metrics().driftChecks();
            await(() -> loop.metrics().driftChecks() >= checks + 10, "ten drift intervals");
            assertThat(nft.listings() - before).as("quiet table: read every " + DriverLoop.QUIET_CHECKS_PER_READ
                    + " intervals, not every one").isBetween(1, 2);
            assertThat(loop.metrics().driftRepairs()).isZero();

            String applied = nft.dump();
            nft.replaceElementFromOutside("s4-trusted", "198.18.0.3", "198.18.0.9");
            await(() -> loop.metrics().driftRepairs() == 1 && nft.dump().equals(applied), "swapped element restored");
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
