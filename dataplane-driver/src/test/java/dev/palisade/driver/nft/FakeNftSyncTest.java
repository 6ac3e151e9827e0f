package dev.palisade.driver.nft;

import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;
import dev.palisade.driver.nft.fake.FakeNft;
import dev.palisade.driver.nft.kernel.NftException;

import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.sync.Reconciler;
import dev.palisade.driver.sync.SyncResult;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Golden ruleset, partial syncs that touch only what changed, all-or-nothing failures, start from the kernel. */
class FakeNftSyncTest {

    private static final List<HostInterface> IFACES = List.of(
            new HostInterface("lo", List.of("127.0.0.1")),
            new HostInterface("eth0", List.of("198.18.0.1")),
            new HostInterface("eth1", List.of("198.18.1.1")),
            new HostInterface("cali1", List.of()));

    private final FakeNft nft = new FakeNft();
    private final Reconciler reconciler = new Reconciler(new NftBackend(nft));

    private static NodeState web(long revision, int port, String... setMembers) {
        return state(revision, config(), ipSet("trusted", setMembers),
                policy("web", List.of(toPortFromSet(Action.Allow, TCP, port, "trusted")), List.of()),
                policy("ssh", List.of(toPort(Action.Allow, TCP, 2222)), List.of(RuleEntry.of(Action.Allow))),
                hep("hep-eth0", "eth0", both(List.of(tier("default", "gnp/ssh", "gnp/web")), List.of(tier("default", "gnp/ssh"))),
                        "projectcalico-default-allow"),
                defaultAllow());
    }

    private SyncResult sync(NodeState state) {
        SyncResult r = reconciler.sync(state, IFACES);
        assertThat(r.error()).isNull();
        return r;
    }

    @Test
    void firstApplyProducesTheGoldenRuleset() throws IOException {
        sync(web(1, 80, "198.18.0.2/32", "2001:db8::2/128"));
        assertThat(sortedLines(nft.dump())).isEqualTo(sortedLines(resource("/golden/web.nft")));
    }

    @Test
    void changedPolicyRewritesOnlyItsChain() {
        sync(web(1, 80, "198.18.0.2/32"));
        sync(web(2, 8080, "198.18.0.2/32"));

        NftTransaction tx = nft.lastTransaction().orElseThrow();
        assertThat(touchedObjects(tx)).containsExactly("chain pi-gnp/web");
        assertThat(tx.toString()).startsWith("flush chain inet palisade pi-gnp/web\n")
                .contains("th dport { 8080 }").doesNotContain("th dport { 80 }");
    }

    @Test
    void changedSetChangesByElementOnly() {
        sync(web(1, 80, "198.18.0.2/32", "198.18.0.3/32"));
        sync(web(2, 80, "198.18.0.3/32", "198.18.0.4/32"));

        assertThat(nft.lastTransaction().orElseThrow().toString()).isEqualTo(
                "delete element inet palisade s4-trusted { 198.18.0.2 }\n"
                        + "add element inet palisade s4-trusted { 198.18.0.4 }\n");
    }

    @Test
    void unchangedStateNeedsNoTransaction() {
        sync(web(1, 80, "198.18.0.2/32"));
        int before = nft.committedTransactions();
        assertThat(sync(web(2, 80, "198.18.0.2/32")).operations()).isZero();
        assertThat(nft.committedTransactions()).isEqualTo(before);
    }

    @Test
    void failureKeepsTheOldTableAndForcesAFullSyncThatRewritesOnlyWhatDiffers() {
        sync(web(1, 80, "198.18.0.2/32"));
        String before = nft.dump();

        nft.failNextRun("Error: Could not process rule: No buffer space available");
        SyncResult failed = reconciler.sync(web(2, 8080, "198.18.0.2/32"), IFACES);
        assertThat(failed.error()).contains("No buffer space");
        assertThat(nft.dump()).isEqualTo(before);
        assertThat(reconciler.needsFullSync()).isTrue();

        SyncResult retried = sync(web(2, 8080, "198.18.0.2/32"));
        assertThat(retried.full()).isTrue();
        assertThat(touchedObjects(nft.lastTransaction().orElseThrow()))
                .as("chains read back unchanged are kept; sets are rewritten whole")
                .containsExactlyInAnyOrder("chain pi-gnp/web", "set s4-trusted", "set s6-trusted", "set fs-in",
                        "set fs-out", "set fs-in4", "set fs-in6", "set fs-out4", "set fs-out6");
    }

    @Test
    void restartRebuildsFromTheKernelWithoutTouchingCorrectChains() {
        sync(web(1, 80, "198.18.0.2/32"));
        Reconciler restarted = new Reconciler(new NftBackend(nft));
        SyncResult r = restarted.sync(web(1, 80, "198.18.0.2/32"), IFACES);

        assertThat(r.full()).isTrue();
        assertThat(nft.lastTransaction().orElseThrow().operations())
                .noneMatch(op -> op.object() instanceof NftObject.Chain || op.object() instanceof NftObject.Rule);
    }

    @Test
    void staleChainsAreFlushedThenDeletedAndForeignOnesKept() throws NftException {
        sync(web(1, 80, "198.18.0.2/32"));
        nft.run(new NftTransaction().add(NftObject.Chain.regular("someone-elses")));
        reconciler.requestFullSync();
        sync(state(2, config(), hep("hep-eth0", "eth0", ingress())));

        assertThat(nft.dump()).doesNotContain("pi-gnp/web").doesNotContain("s4-trusted").contains("chain someone-elses");
        String tx = nft.lastTransaction().orElseThrow().toString();
        assertThat(tx.indexOf("flush chain inet palisade pi-gnp/web")).isLessThan(tx.indexOf("delete chain inet palisade pi-gnp/web"));
    }

    @Test
    void newInterfaceAddsItsChainsAndRewritesOnlyTheDispatchChains() {
        NodeState s = state(1, config(), hep("hep-eth0", "eth0", ingress()), hep("hep-eth9", "eth9", ingress()));
        sync(s);
        List<HostInterface> more = new java.util.ArrayList<>(IFACES);
        more.add(new HostInterface("eth9", List.of()));
        reconciler.sync(s, more);

        assertThat(touchedObjects(nft.lastTransaction().orElseThrow())).containsExactlyInAnyOrder(
                "chain filter-fh-eth9", "chain filter-th-eth9", "chain mangle-th-eth9", "chain raw-from-hep",
                "chain raw-to-hep", "chain mangle-from-hep", "chain mangle-to-hep", "chain filter-from-hep",
                "chain filter-to-hep", "chain filter-from-hep-fw", "chain filter-to-hep-fw");
    }

    /** Every chain or set an operation names, as "chain X" / "set X". */
    static List<String> touchedObjects(NftTransaction tx) {
        return tx.operations().stream().map(op -> switch (op.object()) {
            case NftObject.Chain c -> "chain " + c.name();
            case NftObject.Rule r -> "chain " + r.chain();
            case NftObject.NftSet s -> "set " + s.name();
            case NftObject.Elements e -> "set " + e.set();
            case NftObject.Table t -> "table";
        }).distinct().toList();
    }

    private static List<String> sortedLines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FakeNftSyncTest.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
