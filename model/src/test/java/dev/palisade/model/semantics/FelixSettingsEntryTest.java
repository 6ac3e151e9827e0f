package dev.palisade.model.semantics;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.AllowAction;
import dev.palisade.model.dataplane.NodeConfigEntry.DenyAction;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.dataplane.NodeConfigEntry.NftablesMode;
import dev.palisade.model.resource.FelixConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings a node is sent ({@link FelixSettings#toEntry}) and read back from the format ({@link FelixSettings#of}). */
class FelixSettingsEntryTest {

    private static FelixConfiguration felix(String name, String spec) {
        return (FelixConfiguration) Sim.decode("""
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: %s}
                spec: %s
                """.formatted(name, spec)).getFirst();
    }

    @Test
    void builtInsInTheFormat() {
        NodeConfigEntry e = FelixSettings.builtIn().toEntry();
        assertThat(e.failsafeInbound()).startsWith(new FailsafePort("tcp", 22, null), new FailsafePort("udp", 68, null))
                .hasSize(9);
        assertThat(e.failsafeOutbound()).startsWith(new FailsafePort("udp", 53, null)).hasSize(9);
        assertThat(e.interfacePrefixes()).containsExactly("cali");
        assertThat(e.interfaceExcludes()).containsExactly("kube-ipvs0");
        assertThat(e.filterAllowAction()).isEqualTo(AllowAction.Accept);
        assertThat(e.filterDenyAction()).isEqualTo(DenyAction.Drop);
        assertThat(e.conntrackInvalidDrop()).isTrue();
        assertThat(e.refreshIntervalSeconds()).isEqualTo(180);
        assertThat(e.nftablesMode()).as("spec: nftablesMode defaults to Auto").isEqualTo(NftablesMode.Auto);
    }

    @Test
    void nftablesModeOfTheNodeOverTheDefaultAndCarriedToTheNode() {
        FelixSettings s = FelixSettings.resolve(felix("node.n1", "{nftablesMode: Disabled}"),
                felix("default", "{nftablesMode: Enabled}"));
        assertThat(s.toEntry().nftablesMode()).isEqualTo(NftablesMode.Disabled);
        assertThat(FelixSettings.of(s.toEntry()).toEntry()).isEqualTo(s.toEntry());
        assertThat(FelixSettings.resolve(null, felix("default", "{nftablesMode: Enabled}")).toEntry().nftablesMode())
                .isEqualTo(NftablesMode.Enabled);
    }

    @Test
    void nftablesFieldsWinAtAnyLayerBlankIsUnsetAndNetsAreCanonicalNetworks() {
        FelixSettings s = FelixSettings.resolve(
                felix("node.n1", "{iptablesFilterDenyAction: Reject, interfacePrefix: '', nftablesRefreshInterval: 1m30s,"
                        + " failsafeInboundHostPorts: [{protocol: UDP, port: 53, net: 198.18.0.7/24}]}"),
                felix("default", "{nftablesFilterDenyAction: Drop, iptablesFilterAllowAction: Return,"
                        + " interfacePrefix: 'tap,cali'}"));
        NodeConfigEntry e = s.toEntry();
        assertThat(e.filterDenyAction()).as("nftables field of the default over iptables field of the node")
                .isEqualTo(DenyAction.Drop);
        assertThat(e.filterAllowAction()).isEqualTo(AllowAction.Return);
        assertThat(e.interfacePrefixes()).as("blank on the node: the default's").containsExactly("tap", "cali");
        assertThat(e.refreshIntervalSeconds()).isEqualTo(90);
        assertThat(e.failsafeInbound()).containsExactly(new FailsafePort("udp", 53, "198.18.0.0/24"));
    }

    @Test
    void whatANodeIsSentReadsBackToTheSameDecisions() {
        FelixSettings s = FelixSettings.resolve(felix("node.n1",
                "{failsafeOutboundHostPorts: [], defaultEndpointToHostAction: Accept, disableConntrackInvalidCheck: true,"
                        + " interfaceExclude: '/^veth/'}"), null);
        FelixSettings back = FelixSettings.of(s.toEntry());
        assertThat(back.failsafeOutbound()).isEmpty();
        assertThat(back.failsafeInbound()).hasSize(9);
        assertThat(back.defaultEndpointToHostAction()).isEqualTo("Accept");
        assertThat(back.disableConntrackInvalidCheck()).isTrue();
        assertThat(back.isExcludedInterface("veth0")).isTrue();
        assertThat(back.toEntry()).isEqualTo(s.toEntry());
        assertThat(List.of(back.isWorkloadInterface("cali9"), back.isWorkloadInterface("eth0"))).containsExactly(true, false);
    }
}
