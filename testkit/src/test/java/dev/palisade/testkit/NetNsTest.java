package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetNsTest {

    @Test
    void buildsTwoNamespacesJoinedByAVethAndDeletesThem() {
        String hostName;
        String peerName;
        try (NetNs host = NetNs.create("host"); NetNs peer = NetNs.create("peer")) {
            hostName = host.name();
            peerName = peer.name();
            host.veth("eth0", peer, "eth1");
            host.addAddress("eth0", "198.18.0.1/30");
            peer.addAddress("eth1", "2001:db8::2/64");

            assertThat(NetNs.list()).contains(hostName, peerName);
            assertThat(host.exec("ip", "-o", "address", "show", "dev", "eth0").requireSuccess().stdout())
                    .contains("inet 198.18.0.1/30");
            assertThat(peer.ip("-o", "address", "show", "dev", "eth1").stdout()).contains("inet6 2001:db8::2/64");
            assertThat(peer.ip("-o", "link", "show", "eth1").stdout()).contains("state UP");
        }
        assertThat(NetNs.list()).doesNotContain(hostName, peerName);
    }

    @Test
    void refusesAddressesOutsideTheTestRanges() {
        assertThat(TestAddresses.isTestAddress("198.19.255.1")).isTrue();
        assertThat(TestAddresses.isTestAddress("198.20.0.1")).isFalse();
        assertThat(TestAddresses.isTestAddress("2001:db9::1")).isFalse();
        assertThatThrownBy(() -> TestAddresses.requireTestRange("10.0.0.1/24"))
                .hasMessageContaining("10.0.0.1/24");
        assertThatThrownBy(() -> TestAddresses.requireTestRange("localhost"))
                .hasMessageContaining("outside the test ranges");
    }
}
