package dev.palisade.driver.ipt.kernel;

import dev.palisade.driver.nft.kernel.ProcessCommandRunner;
import dev.palisade.testkit.NetNs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Detection as Felix's DetectBackend does it, in fresh namespaces with real rules written by each variant. */
class IptablesVariantTest {

    private static IptablesVariant detect(NetNs ns) {
        return IptablesVariant.detect(new ProcessCommandRunner(), ns.name());
    }

    @Test
    void aFreshNodeIsATieAndATieGoesToLegacy() {
        try (NetNs ns = NetNs.create("ivfresh")) {
            assertThat(detect(ns)).isEqualTo(IptablesVariant.LEGACY);
        }
    }

    @Test
    void theVariantHoldingMoreRulesWins() {
        try (NetNs ns = NetNs.create("ivcount")) {
            ns.exec("iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "1", "-j", "ACCEPT").requireSuccess();
            assertThat(detect(ns)).as("one nft rule, no legacy rule").isEqualTo(IptablesVariant.NFT);
            ns.exec("ip6tables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "1", "-j", "ACCEPT").requireSuccess();
            assertThat(detect(ns)).as("one each: the tie goes to legacy").isEqualTo(IptablesVariant.LEGACY);
        }
    }

    @Test
    void kubeProxysHintChainDecidesBeforeAnyCount() {
        try (NetNs ns = NetNs.create("ivhint")) {
            for (int port = 1; port <= 3; port++) {
                ns.exec("iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", Integer.toString(port), "-j", "ACCEPT")
                        .requireSuccess();
            }
            ns.exec("iptables-nft", "-t", "mangle", "-N", "KUBE-IPTABLES-HINT").requireSuccess();
            assertThat(detect(ns)).as("kube-proxy runs iptables-nft, though legacy holds more rules")
                    .isEqualTo(IptablesVariant.NFT);
        }
    }
}
