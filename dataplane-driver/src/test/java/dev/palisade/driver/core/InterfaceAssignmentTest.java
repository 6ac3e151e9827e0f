package dev.palisade.driver.core;

import dev.palisade.driver.Fixtures;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterfaceAssignmentTest {

    private static EndpointEntry byIp(String name, String... ips) {
        return new EndpointEntry(name, "", List.of(ips), List.of(), null, null, null, null);
    }

    private static final List<HostInterface> IFACES = List.of(
            new HostInterface("lo", List.of("127.0.0.1")),
            new HostInterface("eth0", List.of("198.18.0.1", "2001:db8::1")),
            new HostInterface("eth1", List.of("198.18.1.1")),
            new HostInterface("cali123", List.of("198.18.1.1")),
            new HostInterface("kube-ipvs0", List.of("198.18.1.1")));

    @Test
    void smallestNameWinsAmongNameAndIpMatches() {
        InterfaceAssignment g = InterfaceAssignment.of(List.of(
                Fixtures.hep("b-named", "eth0", PolicyLists.EMPTY),
                byIp("a-by-ip", "2001:0db8:0:0::1"),
                byIp("c-by-ip", "198.18.1.1")), IFACES, Fixtures.config());

        assertThat(g.byInterface()).containsOnlyKeys("eth0", "eth1");
        assertThat(g.byInterface().get("eth0").name()).as("IPv6 spelled differently still matches").isEqualTo("a-by-ip");
        assertThat(g.byInterface().get("eth1").name()).isEqualTo("c-by-ip");
        assertThat(g.wildcard()).isNull();
    }

    @Test
    void workloadAndExcludedInterfacesAreNeverGovernedAndWildcardIsTheSmallest() {
        InterfaceAssignment g = InterfaceAssignment.of(List.of(
                Fixtures.hep("z-star", "*", PolicyLists.EMPTY), Fixtures.hep("m-star", "*", PolicyLists.EMPTY),
                Fixtures.hep("cali", "cali123", PolicyLists.EMPTY), byIp("ipvs", "198.18.1.1"),
                Fixtures.hep("missing", "eth7", PolicyLists.EMPTY)), IFACES, Fixtures.config());

        assertThat(g.byInterface()).containsOnlyKeys("eth1");
        assertThat(g.wildcard().name()).isEqualTo("m-star");
    }

    @Test
    void excludesMayBeRegularExpressions() {
        var cfg = Fixtures.config();
        var withRegex = new dev.palisade.model.dataplane.NodeConfigEntry(cfg.failsafeInbound(), cfg.failsafeOutbound(),
                cfg.interfacePrefixes(), List.of("/eth[0-9]+/"), cfg.filterAllowAction(), cfg.mangleAllowAction(),
                cfg.filterDenyAction(), true, "Drop", "p", "insert", 10, cfg.nftablesMode());
        assertThat(InterfaceAssignment.isCandidate("eth12", withRegex)).isFalse();
        assertThat(InterfaceAssignment.isCandidate("ens3", withRegex)).isTrue();
    }
}
