package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import static dev.palisade.model.semantics.Sim.defaultAllow;
import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;

/**
 * Spec §4.10 and §1.7: what a rule's fields match. Each test puts the rule under test in a policy selecting
 * n1-eth0, so a packet it does not match meets the end-of-tier deny.
 */
class RulePeersTest {

    /** The local endpoint with named ports, and a remote one (n2) that rules can name as a peer. */
    private static final String HEPS = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec:
              node: n1
              interfaceName: eth0
              expectedIPs: [198.18.0.1]
              ports:
              - {name: http-alt, protocol: TCP, port: 8080}
              - {name: dns, protocol: UDP, port: 5353}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n2-eth0, labels: {role: db}}
            spec:
              node: n2
              interfaceName: eth0
              expectedIPs: [198.18.0.2]
              ports: [{name: http-alt, protocol: TCP, port: 9090}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: partners, labels: {trust: partner}}
            spec: {nets: [198.19.0.0/16, 198.18.9.9]}
            """;
    private static final String FROM_OUTSIDE = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,";
    private static final String TO_OUTSIDE = "node=n1,in=local,out=eth0,src=198.18.0.1,";
    private static final Decision END_OF_INGRESS = new Decision.EndOfTier("default", "ingress");
    private static final Decision END_OF_EGRESS = new Decision.EndOfTier("default", "egress");

    private static Sim ingress(String rules) {
        return Sim.of(Sim.NODE_N1, HEPS, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec:
                  selector: role == 'web'
                  ingress: %s
                """.formatted(rules));
    }

    private static Sim egress(String rules) {
        return Sim.of(Sim.NODE_N1, HEPS, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec:
                  selector: role == 'web'
                  types: [Egress]
                  egress: %s
                """.formatted(rules));
    }

    private static String tcpFrom(String src, int dstPort) {
        return "node=n1,in=eth0,out=local,src=" + src + ",dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort=" + dstPort;
    }

    @Test
    void aNamedPortIsTheSelectedEndpointsAddressWithThatPortAndProtocol() {
        Sim sim = ingress("[{action: Allow, protocol: TCP, destination: {ports: [http-alt]}}]");
        expect(sim.run(FROM_OUTSIDE + "proto=TCP,srcPort=40000,dstPort=8080"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        // 9090 is http-alt on n2, not on the destination address 198.18.0.1.
        expect(sim.run(FROM_OUTSIDE + "proto=TCP,srcPort=40000,dstPort=9090"), DENY, Stage.NORMAL_INGRESS,
                END_OF_INGRESS);
    }

    @Test
    void aNamedPortKeepsOnlyTheEndpointPortsOfTheRulesProtocol() {
        Sim tcp = ingress("[{action: Allow, protocol: TCP, destination: {ports: [dns]}}]");
        expect(tcp.run(FROM_OUTSIDE + "proto=TCP,srcPort=40000,dstPort=5353"), DENY, Stage.NORMAL_INGRESS,
                END_OF_INGRESS);
        Sim udp = ingress("[{action: Allow, protocol: UDP, destination: {ports: [dns]}}]");
        expect(udp.run(FROM_OUTSIDE + "proto=UDP,srcPort=40000,dstPort=5353"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
    }

    @Test
    void aNamedPortIsFilteredByTheRulesSelectorAndOrWithNumericPorts() {
        Sim sim = egress("[{action: Allow, protocol: TCP, destination: {selector: role == 'db', ports: [http-alt, 22]}}]");
        expect(sim.run(TO_OUTSIDE + "dst=198.18.0.2,proto=TCP,srcPort=40000,dstPort=9090"), ALLOW,
                Stage.NORMAL_EGRESS, gnp("p", "egress", 0, Action.Allow));
        expect(sim.run(TO_OUTSIDE + "dst=198.18.0.2,proto=TCP,srcPort=40000,dstPort=22"), ALLOW,
                Stage.NORMAL_EGRESS, gnp("p", "egress", 0, Action.Allow));
        // 8080 is http-alt only on n1-eth0, which the selector leaves out.
        expect(sim.run(TO_OUTSIDE + "dst=198.18.0.2,proto=TCP,srcPort=40000,dstPort=8080"), DENY,
                Stage.NORMAL_EGRESS, END_OF_EGRESS);
    }

    @Test
    void aGlobalNetworkSetsNetsAreMembersOfTheSelectorsSet() {
        Sim sim = ingress("[{action: Allow, source: {selector: trust == 'partner'}}]");
        expect(sim.run(tcpFrom("198.19.200.1", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.9.9", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.9.8", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void notSelectorMatchesEveryAddressOutsideTheSetIncludingNonCalicoOnes() {
        Sim sim = ingress("[{action: Allow, source: {notSelector: role == 'db'}}]");
        expect(sim.run(tcpFrom("198.18.0.9", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.2", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void aNegativeSelectorMatchesOnlyCalicoKnownAddresses() {
        Sim sim = ingress("[{action: Allow, source: {selector: '!has(trust)'}}]");
        expect(sim.run(tcpFrom("198.18.0.2", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(sim.run(tcpFrom("198.19.0.1", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void anInterfaceOnlyEndpointIsInNoSetSoANotSelectorNamingItStillMatchesItsAddress() {
        Sim sim = ingress("[{action: Deny, source: {notSelector: has(peer)}}, {action: Allow}]").add("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n3-eth0, labels: {peer: ''}}
                spec: {node: n3, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n4-eth0, labels: {peer: ''}}
                spec: {node: n4, interfaceName: eth0, expectedIPs: [198.18.0.4]}
                """);
        // n3-eth0 answers on 198.18.0.3 but declares no expectedIPs.
        expect(sim.run(tcpFrom("198.18.0.3", 80)), DENY, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Deny));
        expect(sim.run(tcpFrom("198.18.0.4", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 1, Action.Allow));
    }

    @Test
    void icmpTypeAndCodeMustBothMatchAndAMissingCodeMatchesAnyCode() {
        Sim sim = ingress("[{action: Allow, protocol: ICMP, icmp: {type: 8, code: 0}},"
                + " {action: Allow, protocol: ICMP, icmp: {type: 3}}]");
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=8,icmpCode=0"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=8,icmpCode=1"), DENY, Stage.NORMAL_INGRESS,
                END_OF_INGRESS);
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=3,icmpCode=13"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 1, Action.Allow));
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=0,icmpCode=0"), DENY, Stage.NORMAL_INGRESS,
                END_OF_INGRESS);
    }

    @Test
    void notIcmpExcludesTheNamedTypeOnly() {
        Sim sim = ingress("[{action: Deny, protocol: ICMP, notICMP: {type: 8}}, {action: Allow, protocol: ICMP}]");
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=8,icmpCode=0"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 1, Action.Allow));
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=13,icmpCode=0"), DENY, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Deny));
    }

    /** Found by the calculator's differential test: Felix renders no ICMP match when {@code type} is unset. */
    @Test
    void anIcmpMatchWithoutTypeRestrictsNothing() {
        Sim sim = ingress("[{action: Deny, protocol: ICMP, icmp: {}}, {action: Allow, protocol: ICMP, notICMP: {}}]");
        expect(sim.run(FROM_OUTSIDE + "proto=ICMP,icmpType=8,icmpCode=0"), DENY, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Deny));
        Sim notOnly = ingress("[{action: Allow, protocol: ICMP, notICMP: {}}]");
        expect(notOnly.run(FROM_OUTSIDE + "proto=ICMP,icmpType=8,icmpCode=0"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
    }

    @Test
    void ipVersionRestrictsARuleToOneFamily() {
        Sim sim = ingress("[{action: Allow, ipVersion: 6}]");
        expect(sim.run("node=n1,in=eth0,out=local,src=2001:db8::9,dst=2001:db8::1,proto=TCP,srcPort=40000,dstPort=80"),
                ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void aRuleWhoseNetsAreAllOfTheOtherFamilyMatchesNothingInThisFamily() {
        Sim sim = ingress("[{action: Allow, source: {nets: ['2001:db8::/32']}}]");
        expect(sim.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void notProtocolMatchesEveryOtherProtocol() {
        Sim sim = ingress("[{action: Deny, notProtocol: TCP}, {action: Allow}]");
        expect(sim.run(FROM_OUTSIDE + "proto=UDP,srcPort=40000,dstPort=80"), DENY, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Deny));
        expect(sim.run(FROM_OUTSIDE + "proto=TCP,srcPort=40000,dstPort=80"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 1, Action.Allow));
    }

    @Test
    void netsAreAlternativesButNotNetsMustAllMiss() {
        Sim nets = ingress("[{action: Allow, source: {nets: [198.18.0.0/24, 198.18.1.0/24]}}]");
        expect(nets.run(tcpFrom("198.18.1.9", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(nets.run(tcpFrom("198.18.2.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        Sim notNets = ingress("[{action: Allow, source: {notNets: [198.18.0.0/24, 198.18.1.0/24]}}]");
        expect(notNets.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(notNets.run(tcpFrom("198.18.1.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(notNets.run(tcpFrom("198.18.2.9", 80)), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
    }

    @Test
    void portRangesIncludeBothEnds() {
        Sim sim = ingress("[{action: Allow, protocol: TCP, destination: {ports: ['8000:8999']}}]");
        expect(sim.run(tcpFrom("198.18.0.9", 8000)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 8999)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 7999)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(sim.run(tcpFrom("198.18.0.9", 9000)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void notPortsExcludesSinglePortsRangesAndNamedPorts() {
        Sim sim = ingress("[{action: Allow, protocol: TCP, destination: {notPorts: [2222, '8000:8099', http-alt]}}]");
        expect(sim.run(tcpFrom("198.18.0.9", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 8100)), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 2222)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(sim.run(tcpFrom("198.18.0.9", 8050)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        expect(sim.run(tcpFrom("198.18.0.9", 8080)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void sourcePortsMatchTheSourcePort() {
        Sim sim = ingress("[{action: Allow, protocol: UDP, source: {ports: [53]}}]");
        expect(sim.run(FROM_OUTSIDE + "proto=UDP,srcPort=53,dstPort=40000"), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(FROM_OUTSIDE + "proto=UDP,srcPort=40000,dstPort=53"), DENY, Stage.NORMAL_INGRESS,
                END_OF_INGRESS);
    }

    @Test
    void aPolicyWithANamespaceSelectorNeverSelectsAHostEndpoint() {
        // Only selectors an empty label set fails: Calico's rewrite (pcns./pcsa. prefixes) lets a negated one through.
        for (String restriction : new String[] {"namespaceSelector: all()", "namespaceSelector: \"team == 'x'\"",
                "serviceAccountSelector: all()", "serviceAccountSelector: \"name == 'x'\""}) {
            Sim sim = Sim.of(Sim.NODE_N1, """
                    apiVersion: projectcalico.org/v3
                    kind: HostEndpoint
                    metadata: {name: n1-eth0, labels: {role: web}}
                    spec: {node: n1, interfaceName: eth0, profiles: [projectcalico-default-allow]}
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkPolicy
                    metadata: {name: workloads-only}
                    spec: {selector: all(), %s, ingress: [{action: Deny}]}
                    """.formatted(restriction));
            expect(sim.run(tcpFrom("198.18.0.9", 80)), ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
        }
    }

    @Test
    void aRuleNamespaceSelectorGlobalReachesHostEndpointsAndNetworkSets() {
        Sim global = ingress("[{action: Allow, source: {namespaceSelector: global()}}]");
        expect(global.run(tcpFrom("198.18.0.2", 80)), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(global.run(tcpFrom("198.19.0.1", 80)), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(global.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        Sim globalDb = ingress("[{action: Allow, source: {namespaceSelector: global(), selector: role == 'db'}}]");
        expect(globalDb.run(tcpFrom("198.18.0.2", 80)), ALLOW, Stage.NORMAL_INGRESS,
                gnp("p", "ingress", 0, Action.Allow));
        expect(globalDb.run(tcpFrom("198.19.0.1", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void anEmptyServiceAccountMatchAddsNoSelectorSoItMatchesAnyAddress() {
        Sim sim = ingress("[{action: Allow, source: {serviceAccounts: {}}}]");
        expect(sim.run(tcpFrom("198.18.0.9", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
    }

    @Test
    void aServiceAccountSelectorOfAllIsOnlyPrefixedSoItStillReachesHostEndpoints() {
        Sim sim = ingress("[{action: Allow, source: {serviceAccounts: {selector: all()}, selector: role == 'db'}}]");
        expect(sim.run(tcpFrom("198.18.0.2", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.0.9", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void namespaceAndServiceAccountPeersThatNeedWorkloadLabelsReachNoHostEndpoint() {
        for (String peer : new String[] {"{namespaceSelector: all()}", "{namespaceSelector: \"team == 'x'\"}",
                "{serviceAccounts: {names: [default]}}", "{serviceAccounts: {selector: \"name == 'x'\"}}"}) {
            Sim sim = ingress("[{action: Allow, source: " + peer + "}]");
            expect(sim.run(tcpFrom("198.18.0.2", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
            expect(sim.run(tcpFrom("198.19.0.1", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        }
    }

    /** A namespaced set in "prod", whose namespace profile (as an imported install carries it) applies labels. */
    private static final String PROD_SET = """
            apiVersion: projectcalico.org/v3
            kind: NetworkSet
            metadata: {name: vendors, namespace: prod, labels: {trust: vendor}}
            spec: {nets: [198.18.64.0/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.prod}
            spec: {labelsToApply: {pcns.projectcalico.org/name: prod, pcns.tier: gold}}
            """;

    @Test
    void aGlobalPolicysRuleSelectorMatchesNetworkSetsOfEveryNamespace() {
        Sim sim = ingress("[{action: Allow, source: {selector: trust == 'vendor'}}]").add(PROD_SET);
        expect(sim.run(tcpFrom("198.18.64.7", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        expect(sim.run(tcpFrom("198.18.65.7", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void aNetworkSetCarriesItsNamespaceLabel() {
        Sim sim = ingress("[{action: Allow, source: {selector: projectcalico.org/namespace == 'prod'}}]").add(PROD_SET);
        expect(sim.run(tcpFrom("198.18.64.7", 80)), ALLOW, Stage.NORMAL_INGRESS, gnp("p", "ingress", 0, Action.Allow));
        Sim other = ingress("[{action: Allow, source: {selector: projectcalico.org/namespace == 'dev'}}]").add(PROD_SET);
        expect(other.run(tcpFrom("198.18.64.7", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }

    @Test
    void namespaceSelectorsReachNetworkSetsThroughTheirNamespaceProfile() {
        for (String peer : new String[] {"{namespaceSelector: all()}", "{namespaceSelector: \"tier == 'gold'\"}",
                "{namespaceSelector: \"projectcalico.org/name == 'prod'\", selector: trust == 'vendor'}"}) {
            Sim sim = ingress("[{action: Allow, source: " + peer + "}]").add(PROD_SET);
            expect(sim.run(tcpFrom("198.18.64.7", 80)), ALLOW, Stage.NORMAL_INGRESS,
                    gnp("p", "ingress", 0, Action.Allow));
            // The host endpoint and the global set are not namespaced.
            expect(sim.run(tcpFrom("198.18.0.2", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
            expect(sim.run(tcpFrom("198.19.0.1", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        }
        Sim global = ingress("[{action: Allow, source: {namespaceSelector: global()}}]").add(PROD_SET);
        expect(global.run(tcpFrom("198.18.64.7", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
        Sim silver = ingress("[{action: Allow, source: {namespaceSelector: \"tier == 'silver'\"}}]").add(PROD_SET);
        expect(silver.run(tcpFrom("198.18.64.7", 80)), DENY, Stage.NORMAL_INGRESS, END_OF_INGRESS);
    }
}
