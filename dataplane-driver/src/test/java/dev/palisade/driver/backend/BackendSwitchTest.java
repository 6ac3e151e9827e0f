package dev.palisade.driver.backend;

import dev.palisade.driver.BatchProber;
import dev.palisade.driver.FilteredWatch;
import dev.palisade.driver.Lab;
import dev.palisade.driver.adapter.IpInterfaceWatcher;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;
import dev.palisade.driver.sync.Reconciler;
import dev.palisade.driver.sync.SyncResult;
import dev.palisade.model.dataplane.NodeConfigEntry.NftablesMode;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;
import dev.palisade.testkit.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching a node between nftables and iptables through its FelixConfiguration {@code nftablesMode}, with real
 * packets the whole time: a port no revision allows stays dropped and the failsafe stays open through every
 * switch (the new backend is installed before the old one's rules go), the old backend's rules are gone after
 * the sync that installed the new one, and a state the new backend refuses leaves the old one in force.
 */
class BackendSwitchTest {

    private static final String NODE_IP = "198.18.0.1";
    /** Allowed by no revision: any answer on it means the node was unfiltered. */
    private static final int NEVER_ALLOWED = 80;

    private static NetNs node;
    private static NetNs ext;
    private static Lab lab;

    @BeforeAll
    static void topology() {
        node = NetNs.create("swnode");
        ext = NetNs.create("swext");
        node.veth("eth0", ext, "eth0");
        node.addAddress("eth0", NODE_IP + "/24");
        ext.addAddress("eth0", "198.18.0.2/24");
        lab = new Lab();
        lab.listen(node, "tcp:22", "tcp:" + NEVER_ALLOWED, "tcp:8080");
    }

    @AfterAll
    static void teardown() {
        if (lab != null) {
            lab.close();
        }
        for (NetNs ns : new NetNs[] {node, ext}) {
            if (ns != null) {
                Lab.Backend.clear(ns);
                ns.close();
            }
        }
    }

    @Test
    void switchingBackEndForthNeverLeavesTheNodeUnfilteredAndRemovesTheOldRules() throws Exception {
        Lab.Backend.clear(node);
        List<HostInterface> interfaces = new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(),
                Duration.ofSeconds(1), i -> { }).read();
        SwitchingBackend backend = new SwitchingBackend(BackendChoice.of("auto", () -> true),
                kind -> Lab.Backend.valueOf(kind.name()).create(node));
        Reconciler reconciler = new Reconciler(backend);
        BatchProber prober = lab.prober(ext);
        FilteredWatch watcher = new FilteredWatch(NODE_IP, NEVER_ALLOWED, targets -> prober.probe(0.3, targets));
        try (backend) {
            sync(reconciler, allowing(1, NftablesMode.Enabled), interfaces);
            assertThat(backend.kind()).isEqualTo(BackendKind.NFTABLES);
            watcher.start();
            long revision = 2;
            for (NftablesMode mode : List.of(NftablesMode.Disabled, NftablesMode.Auto, NftablesMode.Disabled,
                    NftablesMode.Enabled)) {
                watcher.awaitRounds(watcher.rounds() + 2);
                sync(reconciler, allowing(revision++, mode), interfaces);
                BackendKind now = mode == NftablesMode.Disabled ? BackendKind.IPTABLES : BackendKind.NFTABLES;
                assertThat(backend.kind()).as("nftablesMode " + mode).isEqualTo(now);
                assertThat(hasNftTable()).as("nftables table after switching to " + now)
                        .isEqualTo(now == BackendKind.NFTABLES);
                assertThat(hasIptablesChains()).as("iptables chains after switching to " + now)
                        .isEqualTo(now == BackendKind.IPTABLES);
            }
            watcher.awaitRounds(watcher.rounds() + 2);

            SyncResult refused = reconciler.sync(refusedByTheKernel(revision, NftablesMode.Disabled), interfaces);
            assertThat(refused.error()).as("iptables refuses a reversed port range").isNotNull();
            assertThat(backend.kind()).as("the refused switch leaves nftables in force").isEqualTo(BackendKind.NFTABLES);
            assertThat(hasNftTable()).isTrue();
            assertThat(hasIptablesChains()).as("nothing of the refused backend left behind").isFalse();
            watcher.awaitRounds(watcher.rounds() + 2);
            assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("the last enforced revision still whole").isEqualTo("open");
        } finally {
            watcher.stop();
            Lab.Backend.clear(node);
        }
        assertThat(watcher.violations()).as("what an unfiltered node would have answered").isEmpty();
        assertThat(watcher.rounds()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theFlagOverridesTheNodesMode() {
        assertThat(BackendChoice.of("iptables", () -> true).choose(NftablesMode.Enabled)).isEqualTo(BackendKind.IPTABLES);
        assertThat(BackendChoice.of("nftables", () -> false).choose(NftablesMode.Disabled)).isEqualTo(BackendKind.NFTABLES);
        assertThat(BackendChoice.of("auto", () -> false).choose(NftablesMode.Auto)).isEqualTo(BackendKind.IPTABLES);
        assertThat(BackendChoice.of("auto", () -> true).choose(NftablesMode.Auto)).isEqualTo(BackendKind.NFTABLES);
        AtomicLong asked = new AtomicLong();
        BackendChoice choice = BackendChoice.of("auto", () -> asked.incrementAndGet() > 0);
        choice.choose(NftablesMode.Auto);
        choice.choose(NftablesMode.Auto);
        assertThat(asked).as("the kernel's support is asked once").hasValue(1);
    }

    private static void sync(Reconciler reconciler, NodeState state, List<HostInterface> interfaces) {
        SyncResult result = reconciler.sync(state, interfaces);
        assertThat(result.error()).as("revision " + state.revision() + "\n" + listing()).isNull();
    }

    private static NodeState allowing(long revision, NftablesMode mode) {
        return state(revision, config(mode), policy("web", List.of(toPort(Action.Allow, TCP, 8080)), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
    }

    /** Opens 8080 but carries a port range both kernels refuse (9000-8000). */
    private static NodeState refusedByTheKernel(long revision, NftablesMode mode) {
        RuleEntry bad = new RuleEntry(Action.Allow, null, TCP, null, null, null, null,
                new RuleEntry.PeerMatch(null, null, null, null, List.of(new PortRange(9000, 8000)), null, null, null));
        return state(revision, config(mode), policy("web", List.of(toPort(Action.Allow, TCP, 8080), bad), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web"))));
    }

    private static boolean hasNftTable() {
        return node.exec("nft", "list", "table", "inet", "palisade").exitCode() == 0;
    }

    private static boolean hasIptablesChains() {
        return (node.exec("iptables-save").stdout() + node.exec("ip6tables-save").stdout()).contains("palisade-");
    }

    private static String listing() {
        return Lab.Backend.NFTABLES.listing(node) + Lab.Backend.IPTABLES.listing(node);
    }
}
