package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import static dev.palisade.model.semantics.Sim.defaultAllow;
import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spec §4.1 and §8.5: which host endpoint governs an interface. Every endpoint carries a {@code name} label,
 * and a policy denying {@code name == 'x'} shows which one governed through the rule that decides.
 */
class HookGovernanceTest {

    private static final String VIA_ETH0 = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";
    private static final String VIA_ETH1 = "node=n1,in=eth1,out=local,src=198.18.1.9,dst=198.18.1.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";

    private static String hep(String name, String fields) {
        return """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: %1$s, labels: {name: %1$s}}
                spec: {node: n1, %2$s}
                """.formatted(name, fields);
    }

    private static String denyFor(String name) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: deny-%1$s}
                spec: {selector: name == '%1$s', ingress: [{action: Deny}]}
                """.formatted(name);
    }

    private static void governedBy(Verdict v, String hep) {
        expect(v, DENY, Stage.NORMAL_INGRESS, gnp("deny-" + hep, "ingress", 0, Action.Deny));
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo(hep);
    }

    @Test
    void aNamedEndpointBeatsTheWildcardWhateverTheirNames() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("a-all", "interfaceName: '*'"), hep("z-eth0", "interfaceName: eth0"),
                denyFor("a-all"), denyFor("z-eth0"));
        governedBy(sim.run(VIA_ETH0), "z-eth0");
        governedBy(sim.run(VIA_ETH1), "a-all");
        governedBy(sim.run(VIA_ETH1.replace("eth1", "lo")), "a-all");
    }

    @Test
    void theSmallestNamedWildcardIsTheOneThatGoverns() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("w2", "interfaceName: '*'"), hep("w1", "interfaceName: '*'"),
                denyFor("w1"), denyFor("w2"));
        governedBy(sim.run(VIA_ETH0), "w1");
    }

    @Test
    void ofTwoEndpointsNamingTheSameInterfaceTheSmallestNameWins() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("eth0-b", "interfaceName: eth0"), hep("eth0-a", "interfaceName: eth0"),
                denyFor("eth0-a"), denyFor("eth0-b"));
        governedBy(sim.run(VIA_ETH0), "eth0-a");
    }

    @Test
    void anExpectedIpsOnlyEndpointGovernsEachInterfaceCarryingOneOfItsAddresses() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("by-ip", "expectedIPs: [198.18.1.1]"), denyFor("by-ip"));
        governedBy(sim.run(VIA_ETH1), "by-ip");
        expect(sim.run(VIA_ETH0), ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth0"));
        Sim both = Sim.of(Sim.NODE_N1, hep("by-ip", "expectedIPs: [198.18.1.1, 198.18.0.1]"), denyFor("by-ip"));
        governedBy(both.run(VIA_ETH0), "by-ip");
        governedBy(both.run(VIA_ETH1), "by-ip");
    }

    @Test
    void withoutANodeResourceNoInterfaceHasAddressesSoAnExpectedIpsOnlyEndpointGovernsNothing() {
        Sim sim = Sim.of(hep("by-ip", "expectedIPs: [198.18.0.1]"), denyFor("by-ip"));
        expect(sim.run(VIA_ETH0), ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth0"));
    }

    @Test
    void anEndpointNamingAnotherInterfaceNeverGovernsByItsExpectedIps() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("a-eth9", "interfaceName: eth9, expectedIPs: [198.18.0.1]"),
                hep("z-all", "interfaceName: '*', profiles: [projectcalico-default-allow]"), denyFor("a-eth9"));
        Verdict v = sim.run(VIA_ETH0);
        expect(v, ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo("z-all");
    }

    @Test
    void anEndpointForAnInterfaceTheNodeLacksIsInactiveButItsAddressesStillFeedRuleSelectors() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("a-eth9", "interfaceName: eth9, expectedIPs: [198.18.2.2]"),
                hep("b-eth0", "interfaceName: eth0"), denyFor("a-eth9"), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: from-eth9-peers}
                spec: {selector: name == 'b-eth0', ingress: [{action: Allow, source: {selector: name == 'a-eth9'}}]}
                """);
        Verdict fromPeer = sim.run(VIA_ETH0.replace("src=198.18.0.9", "src=198.18.2.2"));
        expect(fromPeer, ALLOW, Stage.NORMAL_INGRESS, gnp("from-eth9-peers", "ingress", 0, Action.Allow));
        assertThat(fromPeer.decidedBy().hostEndpoint()).isEqualTo("b-eth0");
        Verdict other = sim.run(VIA_ETH1);
        expect(other, ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth1"));
    }

    @Test
    void anEndpointOfAnotherNodeNeverGovernsThisOne() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("n1-eth0", "interfaceName: eth0, profiles: [projectcalico-default-allow]"),
                """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: a-n2-eth0, labels: {name: a-n2-eth0}}
                spec: {node: n2, interfaceName: eth0}
                """, denyFor("a-n2-eth0"));
        Verdict v = sim.run(VIA_ETH0);
        expect(v, ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo("n1-eth0");
        expect(sim.run(VIA_ETH0.replace("node=n1", "node=n2")), DENY, Stage.NORMAL_INGRESS,
                gnp("deny-a-n2-eth0", "ingress", 0, Action.Deny));
    }

    @Test
    void aWorkloadInterfaceIsNeverGovernedEvenByAnEndpointNamingIt() {
        Sim sim = Sim.of(Sim.NODE_N1, hep("a-cali", "interfaceName: cali12345"), denyFor("a-cali"),
                hep("z-eth0", "interfaceName: eth0, profiles: [projectcalico-default-allow]"));
        Verdict toPod = sim.run("node=n1,in=eth0,out=cali12345,src=198.18.0.9,dst=198.18.8.2,proto=TCP,"
                + "srcPort=40000,dstPort=80");
        assertThat(toPod.allowed()).as("trace %s", toPod.trace()).isTrue();
        assertThat(toPod.trace()).filteredOn(s -> "cali12345".equals(s.interfaceName()))
                .extracting(Step::stage, Step::hostEndpoint, Step::decision)
                .containsExactly(
                        tuple(Stage.WORKLOAD_INGRESS, null,
                                new Decision.WorkloadPolicyNotModelled("cali12345")),
                        tuple(Stage.FORWARD_EGRESS, null,
                                new Decision.NotGoverned("cali12345")));
        expect(sim.run("node=n1,in=cali12345,out=local,src=198.18.8.2,dst=198.18.0.1,proto=TCP,srcPort=40000,"
                + "dstPort=80"), DENY, Stage.ENDPOINT_TO_HOST, new Decision.EndpointToHost("Drop"));
    }
}
