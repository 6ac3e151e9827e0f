package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.palisade.model.semantics.Sim.defaultAllow;
import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FelixConfiguration as the simulator reads it (spec §1.8): {@code node.<name>} over {@code default} over the
 * built-in defaults, field by field; failsafes (§4.5 step 3), conntrack (steps 1–2), workload and excluded
 * interfaces (§4.1) and {@code defaultEndpointToHostAction} (§4.6).
 */
class FelixSettingsTest {

    /** Both nodes deny all host traffic, so only failsafes and conntrack can let a packet in or out. */
    private static final String LOCKED_DOWN = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0}
            spec: {node: n1, interfaceName: eth0}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n2-eth0}
            spec: {node: n2, interfaceName: eth0}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: deny-all}
            spec: {selector: all(), types: [Ingress, Egress], ingress: [{action: Deny}], egress: [{action: Deny}]}
            """;
    private static final Decision DENY_IN = gnp("deny-all", "ingress", 0, Action.Deny);
    private static final Decision DENY_OUT = gnp("deny-all", "egress", 0, Action.Deny);

    private static String felix(String name, String spec) {
        return """
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: %s}
                spec: %s
                """.formatted(name, spec);
    }

    private static String tcpIn(String node, String src, int port) {
        return "node=" + node + ",in=eth0,out=local,src=" + src + ",dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort="
                + port;
    }

    private static String out(String proto, String dst, int port) {
        return "node=n1,in=local,out=eth0,src=198.18.0.1,dst=" + dst + ",proto=" + proto + ",srcPort=40000,dstPort="
                + port;
    }

    private static Decision.Failsafe failsafe(String direction, String proto, int port, String net, String source) {
        return new Decision.Failsafe(direction, proto, port, net, source, false);
    }

    @Test
    void withoutFelixConfigurationTheBuiltInFailsafesApply() {
        Sim sim = Sim.of(LOCKED_DOWN);
        expect(sim.run(tcpIn("n1", "198.18.0.9", 22)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 22, null, FelixSettings.BUILT_IN));
        expect(sim.run(out("UDP", "198.18.0.53", 53)), ALLOW, Stage.NORMAL_EGRESS,
                failsafe("egress", "UDP", 53, null, FelixSettings.BUILT_IN));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
    }

    @Test
    void theDefaultResourceReplacesTheBuiltInListAndANodeResourceReplacesTheDefaultOnItsNodeOnly() {
        Sim sim = Sim.of(LOCKED_DOWN,
                felix("default", "{failsafeInboundHostPorts: [{protocol: TCP, port: 2222}]}"),
                felix("node.n1", "{failsafeInboundHostPorts: [{protocol: TCP, port: 3333}]}"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 3333)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 3333, null, "FelixConfiguration node.n1"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 2222)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
        expect(sim.run(tcpIn("n1", "198.18.0.9", 22)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
        expect(sim.run(tcpIn("n2", "198.18.0.9", 2222)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 2222, null, "FelixConfiguration default"));
        expect(sim.run(tcpIn("n2", "198.18.0.9", 3333)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
    }

    @Test
    void eachFieldFallsBackOnItsOwnSoANodeResourceWithoutFailsafesKeepsTheDefaultOnes() {
        Sim sim = Sim.of(LOCKED_DOWN,
                felix("default", "{failsafeInboundHostPorts: [{protocol: TCP, port: 2222}]}"),
                felix("node.n1", "{defaultEndpointToHostAction: Accept}"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 2222)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 2222, null, "FelixConfiguration default"));
        // The outbound list is set nowhere, so it is still the built-in one.
        expect(sim.run(out("UDP", "198.18.0.53", 53)), ALLOW, Stage.NORMAL_EGRESS,
                failsafe("egress", "UDP", 53, null, FelixSettings.BUILT_IN));
    }

    @Test
    void aFailsafeNetRestrictsTheSourceInboundAndTheDestinationOutbound() {
        Sim sim = Sim.of(LOCKED_DOWN, felix("default", """
                {failsafeInboundHostPorts: [{protocol: TCP, port: 22, net: 198.18.5.0/24}],
                 failsafeOutboundHostPorts: [{protocol: TCP, port: 443, net: 198.18.6.0/24}]}"""));
        expect(sim.run(tcpIn("n1", "198.18.5.7", 22)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 22, "198.18.5.0/24", "FelixConfiguration default"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 22)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
        expect(sim.run(out("TCP", "198.18.6.1", 443)), ALLOW, Stage.NORMAL_EGRESS,
                failsafe("egress", "TCP", 443, "198.18.6.0/24", "FelixConfiguration default"));
        expect(sim.run(out("TCP", "198.18.7.1", 443)), DENY, Stage.NORMAL_EGRESS, DENY_OUT);
    }

    @Test
    void anEmptyListDisablesFailsafesEvenOverANonEmptyDefault() {
        Sim sim = Sim.of(LOCKED_DOWN, felix("default", "{failsafeInboundHostPorts: []}"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 22)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
        expect(sim.run(out("UDP", "198.18.0.53", 53)), ALLOW, Stage.NORMAL_EGRESS,
                failsafe("egress", "UDP", 53, null, FelixSettings.BUILT_IN));
        Sim perNode = Sim.of(LOCKED_DOWN,
                felix("default", "{failsafeInboundHostPorts: [{protocol: TCP, port: 22}]}"),
                felix("node.n1", "{failsafeInboundHostPorts: []}"));
        expect(perNode.run(tcpIn("n1", "198.18.0.9", 22)), DENY, Stage.NORMAL_INGRESS, DENY_IN);
        expect(perNode.run(tcpIn("n2", "198.18.0.9", 22)), ALLOW, Stage.NORMAL_INGRESS,
                failsafe("ingress", "TCP", 22, null, "FelixConfiguration default"));
    }

    @Test
    void anInvalidPacketIsDroppedBeforeFailsafesAndProfilesUnlessTheCheckIsDisabled() {
        String hep = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0}
                spec: {node: n1, interfaceName: eth0, profiles: [projectcalico-default-allow]}
                """;
        String invalid80 = tcpIn("n1", "198.18.0.9", 80) + ",ct=invalid";
        expect(Sim.of(hep).run(invalid80), DENY, Stage.NORMAL_INGRESS, new Decision.Invalid());
        expect(Sim.of(hep).run(tcpIn("n1", "198.18.0.9", 22) + ",ct=invalid"), DENY, Stage.NORMAL_INGRESS,
                new Decision.Invalid());
        Sim unchecked = Sim.of(hep, felix("default", "{disableConntrackInvalidCheck: true}"));
        expect(unchecked.run(invalid80), ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
    }

    @Test
    void anEstablishedPacketIsAllowedBeforeFailsafesAndPolicy() {
        Sim sim = Sim.of(LOCKED_DOWN, felix("default", "{failsafeInboundHostPorts: []}"));
        expect(sim.run(tcpIn("n1", "198.18.0.9", 80) + ",ct=established"), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.Established());
        expect(sim.run(out("TCP", "198.18.0.9", 80) + ",ct=established"), ALLOW, Stage.NORMAL_EGRESS,
                new Decision.Established());
        expect(Sim.of(LOCKED_DOWN).run(tcpIn("n1", "198.18.0.9", 22) + ",ct=established"), ALLOW,
                Stage.NORMAL_INGRESS, new Decision.Established());
    }

    @Test
    void interfacePrefixDecidesWhichInterfacesAreWorkloadsAndSoNeverHostEndpointGoverned() {
        String resources = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-all}
                spec: {node: n1, interfaceName: '*'}
                """;
        String fromCali = "node=n1,in=cali1234,out=local,src=198.18.8.2,dst=198.18.0.1,proto=TCP,srcPort=40000,"
                + "dstPort=80";
        Verdict builtIn = Sim.of(resources).run(fromCali);
        expect(builtIn, DENY, Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Drop"));
        Sim tapAndVeth = Sim.of(resources, felix("default", "{interfacePrefix: 'tap,veth'}"));
        expect(tapAndVeth.run(fromCali.replace("cali1234", "veth0")), DENY, Stage.ENDPOINT_TO_HOST,
                new Decision.EndpointToHost("Drop"));
        // cali1234 is now an ordinary host interface: the wildcard endpoint governs it, and it has no profile.
        Verdict cali = tapAndVeth.run(fromCali);
        expect(cali, DENY, Stage.NORMAL_INGRESS, new Decision.NoProfileMatched("ingress", List.of()));
        assertThat(cali.decidedBy().hostEndpoint()).isEqualTo("n1-all");
    }

    @Test
    void anExcludedInterfaceIsGovernedByNoNamedEndpointOnlyByTheWildcardDefault() {
        String named = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth1}
                spec: {node: n1, interfaceName: eth1}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-dummy0}
                spec: {node: n1, interfaceName: dummy0}
                """;
        String excluded = felix("default", "{interfaceExclude: 'eth1,/^dummy[0-9]+$/'}");
        String viaEth1 = "node=n1,in=eth1,out=local,src=198.18.1.9,dst=198.18.1.1,proto=TCP,srcPort=40000,dstPort=80";
        expect(Sim.of(named).run(viaEth1), DENY, Stage.NORMAL_INGRESS,
                new Decision.NoProfileMatched("ingress", List.of()));
        expect(Sim.of(named, excluded).run(viaEth1), ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth1"));
        expect(Sim.of(named, excluded).run(viaEth1.replace("eth1", "dummy0")), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.NotGoverned("dummy0"));
        Verdict wildcard = Sim.of(named, excluded, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-all}
                spec: {node: n1, interfaceName: '*', profiles: [projectcalico-default-allow]}
                """).run(viaEth1);
        expect(wildcard, ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
        assertThat(wildcard.decidedBy().hostEndpoint()).isEqualTo("n1-all");
    }

    @Test
    void defaultEndpointToHostActionDecidesWorkloadToOwnHostTraffic() {
        String node = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0}
                spec: {node: n1, interfaceName: eth0}
                """;
        String fromPod = "node=n1,in=cali1234,out=local,src=198.18.8.2,dst=198.18.0.1,proto=TCP,srcPort=40000,"
                + "dstPort=80";
        expect(Sim.of(node).run(fromPod), DENY, Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Drop"));
        expect(Sim.of(node, felix("default", "{defaultEndpointToHostAction: Accept}")).run(fromPod), ALLOW,
                Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Accept"));
        Verdict returned = Sim.of(node, felix("default", "{defaultEndpointToHostAction: Return}")).run(fromPod);
        expect(returned, ALLOW, Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Return"));
        assertThat(returned.decidedBy().result()).as("Return leaves the verdict to the host's INPUT rules")
                .isEqualTo(Step.Result.CONTINUE);
        Sim nodeDrops = Sim.of(node, felix("default", "{defaultEndpointToHostAction: Accept}"),
                felix("node.n1", "{defaultEndpointToHostAction: Drop}"));
        expect(nodeDrops.run(fromPod), DENY, Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Drop"));
        expect(nodeDrops.run(fromPod + ",ct=established"), ALLOW, Stage.ENDPOINT_TO_HOST, new Decision.Established());
    }
}
