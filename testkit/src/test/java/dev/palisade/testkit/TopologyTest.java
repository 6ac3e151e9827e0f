package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static Topology topology;

    @BeforeAll
    static void build() {
        topology = Topology.build(TopologySpec.demo());
        topology.httpServer("master", 8888);
        topology.listen("master", Protocol.TCP, 22);
        topology.listen("master", Protocol.TCP, 21);
        topology.listen("master", Protocol.UDP, 53);
        topology.listen("pod", Protocol.TCP, 8080);
    }

    @AfterAll
    static void tearDown() {
        topology.close();
    }

    @Test
    void withoutPolicyEveryHostReachesTheMastersServices() {
        for (String from : List.of("external", "node1", "node2", "pod")) {
            for (int port : List.of(8888, 22, 21)) {
                assertThat(topology.probe(from, "master", Protocol.TCP, port)).as("%s -> master:%d", from, port)
                        .isEqualTo(Reach.OPEN);
            }
            assertThat(topology.probe(from, "master", Protocol.UDP, 53)).as("%s -> master:53/udp", from)
                    .isEqualTo(Reach.OPEN);
        }
    }

    @Test
    void ipv6ReachesTheMasterToo() {
        assertThat(topology.probe6("external", "master", Protocol.TCP, 22)).isEqualTo(Reach.OPEN);
        assertThat(topology.probe6("node1", "master", Protocol.UDP, 53)).isEqualTo(Reach.OPEN);
    }

    @Test
    void nodePortOnAnyNodeReachesThePodThroughDnat() {
        for (String node : List.of("master", "node1", "node2")) {
            assertThat(topology.probe("external", node, Protocol.TCP, 30180)).as("external -> %s:30180", node)
                    .isEqualTo(Reach.OPEN);
        }
        // the pod listens on 8080 only: without the DNAT, 30180 would be refused
        assertThat(Probe.send(topology.host("external").ns(), Protocol.TCP, topology.host("pod").ipv4(), 30180))
                .isEqualTo(Reach.REFUSED);
        assertThat(topology.host("master").ns().exec("nft", "list", "table", "ip", "kube-proxy-sim")
                .requireSuccess().stdout()).contains("dnat to 198.18.3.2:8080");
    }

    @Test
    void probesTellAClosedPortFromADroppedOne() {
        assertThat(topology.probe("external", "master", Protocol.TCP, 9)).isEqualTo(Reach.REFUSED);
        NetNs node1 = topology.host("node1").ns();
        topology.listen("node1", Protocol.TCP, 2222);
        node1.exec("nft", "add table inet probe-test; add chain inet probe-test in "
                + "{ type filter hook input priority 0; }; add rule inet probe-test in tcp dport 2222 drop")
                .requireSuccess();
        try {
            assertThat(topology.probe("external", "node1", Protocol.TCP, 2222)).isEqualTo(Reach.TIMEOUT);
            assertThat(topology.probe("external", "node1", Protocol.TCP, 22)).isEqualTo(Reach.REFUSED);
        } finally {
            node1.exec("nft", "delete", "table", "inet", "probe-test").requireSuccess();
        }
        assertThat(topology.probe("external", "node1", Protocol.TCP, 2222)).isEqualTo(Reach.OPEN);
    }

    @Test
    void bridgeAndLinksStayOutOfTheRootNamespace() {
        String rootLinks = Commands.run("ip", "-o", "link", "show").requireSuccess().stdout();
        assertThat(rootLinks).doesNotContain("p-master", "cali2f3a0c9b1d4");
        assertThat(topology.hosts()).extracting(h -> h.ns().name()).allMatch(n -> n.startsWith(NetNs.prefix()));
    }

    @Test
    void closeStopsListenersAndDeletesEveryNamespace() {
        Topology own = Topology.build(TopologySpec.demo());
        Listener ssh = own.listen("node1", Protocol.TCP, 22);
        List<String> names = own.namespaceNames();
        assertThat(names).hasSize(6).anyMatch(n -> n.endsWith("-segment"));
        assertThat(NetNs.list()).containsAll(names);

        own.close();

        assertThat(ssh.process().isAlive()).isFalse();
        assertThat(NetNs.list()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void aFailedBuildLeavesNothingBehind() {
        List<String> before = NetNs.list();
        TopologySpec clash = new TopologySpec(20,
                List.of(new TopologySpec.HostSpec("twin", "198.18.9.1", null),
                        new TopologySpec.HostSpec("twin", "198.18.9.2", null)),
                List.of(), List.of());

        assertThatThrownBy(() -> Topology.build(clash)).hasMessageContaining("p-twin");

        assertThat(NetNs.list()).filteredOn(n -> n.startsWith(NetNs.prefix())).isSubsetOf(before);
    }
}
