package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §8: the code-derived edge cases, each with its verdict and the deciding rule. */
class SpecEdgeCasesTest {

    private static final String NODE = Sim.NODE_N1;
    private static final String HEP_ETH0_DEFAULT_ALLOW = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1], profiles: [projectcalico-default-allow]}
            """;
    private static final String INBOUND_80 = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";
    private static final String OUTBOUND_80 = "node=n1,in=local,out=eth0,src=198.18.0.1,dst=198.18.0.9,proto=TCP,"
            + "srcPort=40000,dstPort=80";

    @Test
    void case1_emptyTypesAndNoRulesMeansIngressAndDeniesAllIngressAtEndOfTier() {
        Sim sim = Sim.of(NODE, HEP_ETH0_DEFAULT_ALLOW, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: nothing}
                spec: {selector: role == 'web'}
                """);
        expect(sim.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("default", "ingress"));
        expect(sim.run(OUTBOUND_80), ALLOW, Stage.NORMAL_EGRESS,
                new Decision.ProfileRule("projectcalico-default-allow", "egress", 0, Action.Allow));
    }

    @Test
    void case2_ingressOnlyPolicyLeavesEgressToTheDefaultAllowProfile() {
        Sim sim = Sim.of(NODE, HEP_ETH0_DEFAULT_ALLOW, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: web-in}
                spec:
                  selector: role == 'web'
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
                """);
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("web-in", "ingress", 0, Action.Allow));
        expect(sim.run(INBOUND_80.replace("dstPort=80", "dstPort=81")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
        expect(sim.run(OUTBOUND_80), ALLOW, Stage.NORMAL_EGRESS,
                new Decision.ProfileRule("projectcalico-default-allow", "egress", 0, Action.Allow));
    }

    @Test
    void case3_passInTheLastTierWithNoProfilesDenies() {
        Sim sim = Sim.of(NODE, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0, labels: {role: web}}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: last}
                spec: {order: 20000000}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: pass-all}
                spec: {tier: last, selector: all(), ingress: [{action: Pass}]}
                """);
        Verdict v = sim.run(INBOUND_80);
        expect(v, DENY, Stage.NORMAL_INGRESS, new Decision.NoProfileMatched("ingress", List.of()));
    }

    @Test
    void case4_logNeverTerminatesAndALogOnlyPolicyGivesNoVerdict() {
        Sim sim = Sim.of(NODE, HEP_ETH0_DEFAULT_ALLOW, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: log-only}
                spec: {order: 1, selector: all(), ingress: [{action: Log}, {action: Log, protocol: UDP}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: then-allow}
                spec: {order: 2, selector: all(), ingress: [{action: Log}, {action: Allow, protocol: TCP}]}
                """);
        Verdict tcp = sim.run(INBOUND_80);
        expect(tcp, ALLOW, Stage.NORMAL_INGRESS, gnp("then-allow", "ingress", 1, Action.Allow));
        assertThat(tcp.decidedBy().logged()).containsExactly(
                gnp("log-only", "ingress", 0, Action.Log), gnp("then-allow", "ingress", 0, Action.Log));
        Verdict udp = sim.run("node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=UDP,dstPort=5000");
        expect(udp, DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("default", "ingress"));
        assertThat(udp.decidedBy().logged()).hasSize(3);
    }

    @Test
    void case5_twoEndpointsForOneInterfaceTheAlphabeticallyFirstWinsWhateverTheMatch() {
        String byName = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: %s, labels: {via: name}}
                spec: {node: n1, interfaceName: eth0}
                """;
        String byIp = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: %s, labels: {via: ip}}
                spec: {node: n1, expectedIPs: [198.18.0.1]}
                """;
        String denyByIp = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: deny-ip-heps}
                spec: {selector: via == 'ip', ingress: [{action: Deny}]}
                """;
        Verdict ipFirst = Sim.of(NODE, byName.formatted("b-by-name"), byIp.formatted("a-by-ip"), denyByIp)
                .run(INBOUND_80);
        expect(ipFirst, DENY, Stage.NORMAL_INGRESS, gnp("deny-ip-heps", "ingress", 0, Action.Deny));
        assertThat(ipFirst.decidedBy().hostEndpoint()).isEqualTo("a-by-ip");
        Verdict nameFirst = Sim.of(NODE, byName.formatted("a-by-name"), byIp.formatted("b-by-ip"), denyByIp)
                .run(INBOUND_80);
        assertThat(nameFirst.decidedBy().hostEndpoint()).isEqualTo("a-by-name");
        expect(nameFirst, DENY, Stage.NORMAL_INGRESS, new Decision.NoProfileMatched("ingress", List.of()));
    }

    @Test
    void case6_interfaceOnlyEndpointAsRulePeerMatchesNothing() {
        Sim sim = Sim.of(NODE, HEP_ETH0_DEFAULT_ALLOW, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n2-eth0, labels: {peer: yes}}
                spec: {node: n2, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n3, labels: {peer: yes}}
                spec: {node: n3, interfaceName: eth0, expectedIPs: [198.18.0.3]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: from-peers}
                spec: {selector: role == 'web', ingress: [{action: Allow, source: {selector: has(peer)}}]}
                """);
        // n2-eth0 lives on 198.18.0.2 but declares no expectedIPs, so it is not in the set.
        expect(sim.run(INBOUND_80.replace("src=198.18.0.9", "src=198.18.0.2")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
        expect(sim.run(INBOUND_80.replace("src=198.18.0.9", "src=198.18.0.3")), ALLOW, Stage.NORMAL_INGRESS,
                gnp("from-peers", "ingress", 0, Action.Allow));
    }

    @Test
    void case7_wildcardEndpointWithoutDefaultAllowBlocksLoopback() {
        String wildcard = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-all}
                spec: {node: n1, interfaceName: '*'%s}
                """;
        String loopback = "node=n1,in=lo,out=local,src=127.0.0.1,dst=127.0.0.1,proto=TCP,srcPort=40000,dstPort=8080";
        Verdict blocked = Sim.of(NODE, wildcard.formatted("")).run(loopback);
        expect(blocked, DENY, Stage.NORMAL_INGRESS, new Decision.NoProfileMatched("ingress", List.of()));
        assertThat(blocked.decidedBy().hostEndpoint()).isEqualTo("n1-all");
        expect(Sim.of(NODE, wildcard.formatted(", profiles: [projectcalico-default-allow]")).run(loopback),
                ALLOW, Stage.NORMAL_INGRESS,
                new Decision.ProfileRule("projectcalico-default-allow", "ingress", 0, Action.Allow));
    }

    @Test
    void case8_forwardedTrafficWithoutApplyOnForwardPolicyIsAllowedAndFailsafeNeverApplies() {
        String routed = "node=n1,in=eth0,out=eth1,src=198.18.0.9,dst=198.18.1.9,proto=TCP,srcPort=40000,dstPort=22";
        String heps = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0, labels: {role: edge}}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: host-only-deny}
                spec: {selector: all(), ingress: [{action: Deny}]}
                """;
        expect(Sim.of(NODE, heps).run(routed), ALLOW, Stage.FORWARD_INGRESS,
                new Decision.ForwardDefaultAllow("n1-eth0"));
        Sim forwardDeny = Sim.of(NODE, heps, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: no-forwarding}
                spec: {selector: all(), applyOnForward: true, ingress: [{action: Deny}]}
                """);
        // TCP 22 is a failsafe inbound port, yet failsafes are not consulted on the forward path.
        expect(forwardDeny.run(routed), DENY, Stage.FORWARD_INGRESS, gnp("no-forwarding", "ingress", 0, Action.Deny));
        expect(forwardDeny.run(routed.replace("out=eth1", "out=local").replace("dst=198.18.1.9", "dst=198.18.0.1")),
                ALLOW, Stage.NORMAL_INGRESS, new Decision.Failsafe("ingress", "TCP", 22, null,
                        FelixSettings.BUILT_IN, false));
    }

    @Test
    void case10_emptySetsAndAbsentLabelsInPolicySelectors() {
        String hep = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0, labels: {role: web}}
                spec: {node: n1, interfaceName: eth0, profiles: [projectcalico-default-allow]}
                """;
        String deny = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec: {selector: "%s", ingress: [{action: Deny}]}
                """;
        expect(Sim.of(NODE, hep, deny.formatted("a not in {}")).run(INBOUND_80), DENY, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Deny));
        expect(Sim.of(NODE, hep, deny.formatted("a in {}")).run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.ProfileRule("projectcalico-default-allow", "ingress", 0, Action.Allow));
        expect(Sim.of(NODE, hep, deny.formatted("a != 'x'")).run(INBOUND_80), DENY, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Deny));
    }
}
