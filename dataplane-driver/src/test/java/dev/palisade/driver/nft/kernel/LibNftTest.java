package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;
import dev.palisade.testkit.NetNs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * libnftables in-process against the real kernel, in namespaces of its own: transactions land in the port's
 * namespace only, a refused transaction leaves the ruleset as it was, a check commits nothing, and two ports
 * used at once from different threads stay correct with {@code iif}/{@code oif} rules, which resolve interfaces
 * (the case that crashes libnftables 1.0.x without the process-wide lock). Read back through the {@code nft} program, so the two
 * ports are held against each other.
 */
class LibNftTest {

    private static NetNs a;
    private static NetNs b;
    private static NftPort portA;
    private static NftPort portB;

    @BeforeAll
    static void namespaces() throws NftException {
        a = NetNs.create("libnft-a");
        b = NetNs.create("libnft-b");
        a.veth("hep0", b, "hep0");
        portA = LibNft.open(a.name()).orElseThrow(() -> new AssertionError("libnftables.so.1 must load here"));
        portB = LibNft.open(b.name()).orElseThrow();
    }

    @AfterAll
    static void cleanUp() {
        if (portA != null) {
            portA.close();
        }
        if (portB != null) {
            portB.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static CliNft cli(NetNs ns) {
        return new CliNft(new ProcessCommandRunner(), ns.name());
    }

    private static NftTransaction table(String chain, String rule) {
        return new NftTransaction().add(new NftObject.Table()).add(NftObject.Chain.regular(chain))
                .add(new NftObject.Rule(chain, rule, "t"));
    }

    @Test
    void transactionsLandInTheirOwnNamespaceOnly() throws NftException {
        portA.run(table("only-a", "iif \"hep0\" accept"));
        assertThat(cli(a).listTable()).hasValueSatisfying(t -> assertThat(t.chains()).containsKey("only-a"));
        assertThat(cli(b).listTable().map(KernelTable::chains).orElse(Map.of())).doesNotContainKey("only-a");
        assertThat(portA.listTable()).isEqualTo(cli(a).listTable());
    }

    @Test
    void aRefusedTransactionLeavesTheRulesetWhole() throws NftException {
        portB.run(table("kept", "tcp dport 22 accept"));
        KernelTable before = cli(b).listTable().orElseThrow();
        NftTransaction broken = new NftTransaction().add(NftObject.Chain.regular("half"))
                .add(new NftObject.Rule("no-such-chain", "accept", "t"));
        assertThatThrownBy(() -> portB.run(broken)).isInstanceOf(NftException.class)
                .hasMessageContaining("No such file or directory");
        assertThat(cli(b).listTable()).contains(before);
    }

    @Test
    void aCheckCommitsNothing() throws NftException {
        portB.run(table("checked", "udp dport 53 accept"));
        portB.check(new NftTransaction().add(NftObject.Chain.regular("dry-run-only")));
        assertThat(cli(b).listTable().orElseThrow().chains()).containsKey("checked").doesNotContainKey("dry-run-only");
    }

    @Test
    void twoNamespacesAppliedAtOnceStayApart() throws Exception {
        Thread other = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    portB.run(table("busy-b", "iif \"hep0\" tcp dport " + (1000 + i) + " accept"));
                } catch (NftException e) {
                    throw new AssertionError(e);
                }
            }
        });
        for (int i = 0; i < 200; i++) {
            portA.run(table("busy-a", "oif \"hep0\" tcp dport " + (2000 + i) + " accept"));
        }
        other.join();
        assertThat(cli(a).listTable().orElseThrow().chains().get("busy-a")).hasSize(200);
        assertThat(cli(b).listTable().orElseThrow().chains().get("busy-b")).hasSize(200);
        assertThat(cli(a).listTable().orElseThrow().chains()).doesNotContainKey("busy-b");
        assertThat(List.of(portA.listTable().isPresent(), portB.listTable().isPresent())).containsOnly(true);
    }
}
