package dev.palisade.model.dataplane;

import dev.palisade.model.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterfaceMatchingTest {

    @Test
    void excludeNamesAreExactAndExpressionsUnanchoredAsFelixCompilesThem() {
        List<String> excludes = List.of("kube-ipvs0", "/eth[0-9]+/");
        assertThat(InterfaceMatching.isExcluded(excludes, "kube-ipvs0")).isTrue();
        assertThat(InterfaceMatching.isExcluded(excludes, "kube-ipvs01")).isFalse();
        assertThat(InterfaceMatching.isExcluded(excludes, "eth12")).isTrue();
        assertThat(InterfaceMatching.isExcluded(excludes, "veth12x")).as("unanchored, like Go's MatchString").isTrue();
        assertThat(InterfaceMatching.isExcluded(excludes, "ens3")).isFalse();
    }

    @Test
    void workloadInterfacesGoByPrefix() {
        assertThat(InterfaceMatching.isWorkload(List.of("cali", "tap"), "tap0")).isTrue();
        assertThat(InterfaceMatching.isWorkload(List.of("cali", "tap"), "eth0")).isFalse();
    }

    @Test
    void aNamedEndpointMatchesByNameOnlyAndByAddressOnlyWithoutAName() {
        List<IpAddress> onEth0 = List.of(IpAddress.parse("2001:db8::1").orElseThrow());
        assertThat(InterfaceMatching.endpointMatches("eth0", List.of(), "eth0", List.of())).isTrue();
        assertThat(InterfaceMatching.endpointMatches("eth1", List.of("2001:db8::1"), "eth0", onEth0))
                .as("a HEP naming another interface never matches by IP").isFalse();
        assertThat(InterfaceMatching.endpointMatches("", List.of("2001:0db8:0::1"), "eth0", onEth0))
                .as("compared as addresses").isTrue();
        assertThat(InterfaceMatching.endpointMatches("", List.of("2001:db8::2"), "eth0", onEth0)).isFalse();
    }
}
