package dev.palisade.model.semantics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which nodes a change reaches, so {@code apply --wait} waits for those drivers and no others. */
class NodeReachTest {

    private static final String BASE = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n2-eth0, labels: {role: db}}
            spec: {node: n2, interfaceName: eth0, expectedIPs: [198.18.0.2]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n3-eth0, labels: {role: cache}}
            spec: {node: n3, interfaceName: eth0, expectedIPs: [198.18.0.3]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: web-in}
            spec:
              selector: role == 'web'
              ingress: [{action: Allow, source: {selector: role == 'db'}}]
            """;

    private static java.util.SortedSet<String> reach(String before, String after) {
        return NodeReach.changed(World.of(Sim.decode(before)), World.of(Sim.decode(after)));
    }

    @Test
    void aPolicyChangeReachesTheNodesOfTheEndpointsItSelects() {
        assertThat(reach(BASE, BASE.replace("action: Allow", "action: Deny"))).containsExactly("n1");
        assertThat(reach(BASE, BASE.replace("selector: role == 'web'", "selector: role in {'web', 'cache'}")))
                .containsExactly("n1", "n3");
    }

    @Test
    void anAddressChangeReachesItsOwnNodeAndEveryNodeWhoseRulesSelectIt() {
        assertThat(reach(BASE, BASE.replace("198.18.0.2", "198.18.0.22"))).containsExactly("n1", "n2");
        assertThat(reach(BASE, BASE.replace("198.18.0.3", "198.18.0.33"))).containsExactly("n3");
    }

    @Test
    void aLabelChangeThatMovesNothingReachesNoNode() {
        assertThat(reach(BASE, BASE.replace("role: cache", "role: cache2"))).isEmpty();
        assertThat(reach(BASE, BASE.replace("role: cache", "role: db"))).containsExactly("n1");
    }

    @Test
    void aNetworkSetReachesTheNodesWhoseRulesSelectIt() {
        String withSet = BASE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkSet
                metadata: {name: replicas, namespace: prod, labels: {role: db}}
                spec: {nets: [198.19.0.0/24]}
                """;
        assertThat(reach(BASE, withSet)).containsExactly("n1");
        assertThat(reach(withSet, withSet.replace("198.19.0.0/24", "198.19.1.0/24"))).containsExactly("n1");
        assertThat(reach(BASE, withSet.replace("namespace: prod, labels: {role: db}", "namespace: prod, labels: {role: x}")))
                .isEmpty();
    }

    @Test
    void theDefaultFelixConfigurationReachesEveryNodeAndAPolicySelectingNothingNone() {
        assertThat(reach(BASE, BASE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {failsafeInboundHostPorts: [{protocol: TCP, port: 22}]}
                """)).containsExactly("n1", "n2", "n3");
        assertThat(reach(BASE, BASE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: nobody}
                spec: {selector: role == 'none', ingress: [{action: Deny}]}
                """)).isEmpty();
    }
}
