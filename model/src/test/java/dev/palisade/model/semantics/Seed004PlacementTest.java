package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 (Calico's preDNAT, untracked and applyOnForward options, in Russian) has no manifests: each test
 * writes the smallest policies that put one of its claims to work. Node n1: eth0 198.18.0.1 governed by
 * host endpoint n1-eth0 (default-allow), eth1 towards another network, a pod 198.18.10.5 behind
 * {@code cali0pod}; a memcache server runs on the host (UDP 11211).
 */
class Seed004PlacementTest {

    private static final String WORLD = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n1}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.0.1/24]}
              - {name: eth1, addresses: [198.18.1.1/24]}
              - {name: cali0pod}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: node}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1], profiles: [projectcalico-default-allow]}
            """;
    private static final String MEMCACHE_REQUEST = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,"
            + "proto=UDP,srcPort=40000,dstPort=11211";
    private static final String MEMCACHE_REPLY = "node=n1,in=local,out=eth0,src=198.18.0.1,dst=198.18.0.9,"
            + "proto=UDP,srcPort=11211,dstPort=40000,ct=established";
    private static final String TO_POD = "node=n1,in=eth0,out=cali0pod,src=198.18.0.9,dst=198.18.10.5,proto=TCP,"
            + "srcPort=40000,dstPort=80";
    private static final String ROUTED = "node=n1,in=eth0,out=eth1,src=198.18.0.9,dst=198.18.1.9,proto=TCP,"
            + "srcPort=40000,dstPort=80";
    private static final String TO_HOST = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";

    private static String policy(String name, String spec) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: %s}
                spec: %s
                """.formatted(name, spec);
    }

    @Test
    void untrackedPolicyComesFirstWhateverItsOrder() {
        Sim sim = Sim.of(WORLD,
                policy("normal-allow", "{order: 1, selector: role == 'node', ingress: [{action: Allow}]}"),
                policy("untracked-deny", "{order: 1000, selector: role == 'node', doNotTrack: true, "
                        + "applyOnForward: true, ingress: [{action: Deny, protocol: UDP, destination: {ports: [11211]}}]}"));
        expect(sim.run(MEMCACHE_REQUEST), DENY, Stage.UNTRACKED_INGRESS,
                gnp("untracked-deny", "ingress", 0, Action.Deny));
    }

    @Test
    void anUntrackedAllowSkipsPreDnatAndNormalPolicy() {
        Sim sim = Sim.of(WORLD,
                policy("untracked-memcache", "{selector: role == 'node', doNotTrack: true, applyOnForward: true, "
                        + "ingress: [{action: Allow, protocol: UDP, destination: {ports: [11211]}}]}"),
                policy("prednat-deny", "{order: 1, selector: role == 'node', preDNAT: true, applyOnForward: true, "
                        + "ingress: [{action: Deny}]}"),
                policy("normal-deny", "{order: 1, selector: role == 'node', ingress: [{action: Deny}]}"));
        Verdict v = sim.run(MEMCACHE_REQUEST);
        expect(v, ALLOW, Stage.UNTRACKED_INGRESS, gnp("untracked-memcache", "ingress", 0, Action.Allow));
        assertThat(v.trace()).filteredOn(s -> s.stage() != Stage.UNTRACKED_INGRESS)
                .extracting(Step::result).containsOnly(Step.Result.SKIP);
    }

    @Test
    void untrackedPolicyJudgesEveryPacketSoRepliesNeedTheirOwnRule() {
        String oneWay = policy("untracked-memcache", "{selector: role == 'node', doNotTrack: true, "
                + "applyOnForward: true, types: [Ingress, Egress], "
                + "ingress: [{action: Allow, protocol: UDP, destination: {ports: [11211]}}], "
                + "egress: [{action: Deny, protocol: UDP}]}");
        expect(Sim.of(WORLD, oneWay).run(MEMCACHE_REPLY), DENY, Stage.UNTRACKED_EGRESS,
                gnp("untracked-memcache", "egress", 0, Action.Deny));
        String symmetric = policy("untracked-memcache", "{selector: role == 'node', doNotTrack: true, "
                + "applyOnForward: true, types: [Ingress, Egress], "
                + "ingress: [{action: Allow, protocol: UDP, destination: {ports: [11211]}}], "
                + "egress: [{action: Allow, protocol: UDP, source: {ports: [11211]}}, {action: Deny, protocol: UDP}]}");
        expect(Sim.of(WORLD, symmetric).run(MEMCACHE_REPLY), ALLOW, Stage.UNTRACKED_EGRESS,
                gnp("untracked-memcache", "egress", 0, Action.Allow));
    }

    @Test
    void preDnatPoliciesKeepTheirOrderAmongThemselvesAndAnAllowSkipsHostEndpointPolicy() {
        Sim sim = Sim.of(WORLD,
                policy("normal-deny", "{order: 1, selector: role == 'node', ingress: [{action: Deny}]}"),
                policy("prednat-late-deny", "{order: 600, selector: role == 'node', preDNAT: true, "
                        + "applyOnForward: true, ingress: [{action: Deny, protocol: TCP}]}"),
                policy("prednat-allow-80", "{order: 500, selector: role == 'node', preDNAT: true, "
                        + "applyOnForward: true, ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]}"));
        expect(sim.run(TO_HOST), ALLOW, Stage.PRE_DNAT_INGRESS, gnp("prednat-allow-80", "ingress", 0, Action.Allow));
        expect(sim.run(TO_HOST.replace("dstPort=80", "dstPort=81")), DENY, Stage.PRE_DNAT_INGRESS,
                gnp("prednat-late-deny", "ingress", 0, Action.Deny));
        // No pre-DNAT verdict (UDP): the packet goes on through the normal chains.
        expect(sim.run(MEMCACHE_REQUEST), DENY, Stage.NORMAL_INGRESS, gnp("normal-deny", "ingress", 0, Action.Deny));
    }

    @Test
    void hostEndpointPolicyDoesNotTouchTrafficToPodsOrRoutedThroughTheHost() {
        Sim sim = Sim.of(WORLD, policy("normal-deny", "{selector: role == 'node', ingress: [{action: Deny}]}"));
        expect(sim.run(TO_HOST), DENY, Stage.NORMAL_INGRESS, gnp("normal-deny", "ingress", 0, Action.Deny));
        expect(sim.run(TO_POD), ALLOW, Stage.FORWARD_INGRESS, new Decision.ForwardDefaultAllow("n1-eth0"));
        expect(sim.run(ROUTED), ALLOW, Stage.FORWARD_INGRESS, new Decision.ForwardDefaultAllow("n1-eth0"));
    }

    @Test
    void applyOnForwardExtendsTheSamePolicyToPodsAndRoutedTraffic() {
        Sim sim = Sim.of(WORLD, policy("all-deny", "{selector: role == 'node', applyOnForward: true, "
                + "ingress: [{action: Deny}]}"));
        Decision deny = gnp("all-deny", "ingress", 0, Action.Deny);
        expect(sim.run(TO_HOST), DENY, Stage.NORMAL_INGRESS, deny);
        expect(sim.run(TO_POD), DENY, Stage.FORWARD_INGRESS, deny);
        expect(sim.run(ROUTED), DENY, Stage.FORWARD_INGRESS, deny);
        // A pod's traffic leaving through eth0 meets the same endpoint's egress side, which has no policy here.
        Verdict podOut = sim.run("node=n1,in=cali0pod,out=eth0,src=198.18.10.5,dst=198.18.0.9,proto=TCP,"
                + "srcPort=40000,dstPort=80");
        expect(podOut, ALLOW, Stage.FORWARD_EGRESS, new Decision.NoForwardPolicyThisDirection("n1-eth0", "egress"));
    }
}
