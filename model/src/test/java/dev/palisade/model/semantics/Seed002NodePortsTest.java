package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002, "Network Policy for Hosts and NodePorts". The control node is 198.19.0.1 (eth0), the
 * standalone host1 198.19.15.254 (not a Kubernetes node, no host endpoint); node1 and node2 are the other
 * Kubernetes nodes. The yaobank customer front end is a pod on the control node behind the workload
 * interface {@code calicustomer0}, reached through NodePort 30180. Automatic host endpoints are what
 * kube-controllers makes (wildcard, node IP, node labels including {@code kubernetes.io/hostname},
 * default-allow profile).
 */
class Seed002NodePortsTest {

    private static final String NODES = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: control}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.19.0.1/20]}
              - {name: lo, addresses: [127.0.0.1/8]}
              - {name: calicustomer0}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: node1}
            spec: {interfaces: [{name: eth0, addresses: [198.19.0.2/20]}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: node2}
            spec: {interfaces: [{name: eth0, addresses: [198.19.0.3/20]}]}
            """;
    private static final String FTP_FROM_HOST1 = "node=control,in=eth0,out=local,src=198.19.15.254,dst=198.19.0.1,"
            + "proto=TCP,srcPort=41000,dstPort=21";
    private static final String NODEPORT_FROM = "node=control,in=eth0,out=calicustomer0,src=%s,dst=198.19.0.1,"
            + "proto=%s,srcPort=42000,dstPort=%d,dnatTo=10.48.0.10:80";
    private static final String HOST1 = "198.19.15.254";

    private static HostEndpoint autoHep(String node, String ip) {
        return new HostEndpoint(new ObjectMeta(node + "-auto-hep", null,
                Map.of("kubernetes.io/hostname", node, "kubernetes.io/os", "linux",
                        "projectcalico.org/created-by", "calico-kube-controllers"), null, null, null, null),
                new HostEndpointSpec(node, "*", List.of(ip), List.of("projectcalico-default-allow"), null));
    }

    private static Sim nodePolicyOnly() {
        return Sim.of(NODES).add(Sim.seed("002-gnp-default-node-policy.yaml"));
    }

    private static Sim withHostEndpoints() {
        return nodePolicyOnly().add(List.of(autoHep("control", "198.19.0.1"), autoHep("node1", "198.19.0.2"),
                autoHep("node2", "198.19.0.3")));
    }

    private static Decision.PolicyRule nodeport(int rule, Action action) {
        return Sim.gnp("nodeport-policy", "ingress", rule, action);
    }

    @Test
    void beforeHostEndpointsFtpOnTheControlNodeIsOpenEvenWithThePolicyApplied() {
        expect(Sim.of(NODES).run(FTP_FROM_HOST1), ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth0"));
        expect(nodePolicyOnly().run(FTP_FROM_HOST1), ALLOW, Stage.NORMAL_INGRESS, new Decision.NotGoverned("eth0"));
    }

    @Test
    void withAutomaticHostEndpointsFtpTimesOut() {
        Verdict v = withHostEndpoints().run(FTP_FROM_HOST1);
        expect(v, DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("default", "ingress"));
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo("control-auto-hep");
    }

    @Test
    void hostProcessesStillTalkToEachOtherOverLoopback() {
        Sim sim = withHostEndpoints();
        expect(sim.run("node=control,in=lo,out=local,src=127.0.0.1,dst=127.0.0.1,proto=TCP,srcPort=40000,dstPort=21"),
                ALLOW, Stage.NORMAL_INGRESS, Sim.gnp("default-node-policy", "ingress", 0, Action.Allow));
        expect(sim.run("node=control,in=lo,out=local,src=127.0.0.1,dst=127.0.0.1,proto=UDP,dstPort=53"),
                ALLOW, Stage.NORMAL_INGRESS, Sim.gnp("default-node-policy", "ingress", 1, Action.Allow));
    }

    @Test
    void failsafePortsKeepSshAndTheControlPlaneReachable() {
        Sim sim = withHostEndpoints();
        for (int port : new int[] {22, 179, 2379, 6443}) {
            expect(sim.run(FTP_FROM_HOST1.replace("dstPort=21", "dstPort=" + port)), ALLOW, Stage.NORMAL_INGRESS,
                    new Decision.Failsafe("ingress", "TCP", port, null, FelixSettings.BUILT_IN, false));
        }
    }

    @Test
    void theNodePortDenyPolicyBlocksTheFrontEndBeforeDnat() {
        Sim sim = withHostEndpoints().add(Sim.seed("002-gnp-nodeport-policy-deny.yaml"));
        Verdict v = sim.run(NODEPORT_FROM.formatted(HOST1, "TCP", 30180));
        expect(v, DENY, Stage.PRE_DNAT_INGRESS, nodeport(0, Action.Deny));
        assertThat(v.trace()).extracting(Step::stage).doesNotContain(Stage.DNAT);
    }

    @Test
    void afterTheUpdateOnlyHost1ReachesTheCustomerNodePort() {
        Sim sim = withHostEndpoints().add(Sim.seed("002-gnp-nodeport-policy-allow-host1.yaml"));
        Verdict fromHost1 = sim.run(NODEPORT_FROM.formatted(HOST1, "TCP", 30180));
        expect(fromHost1, ALLOW, Stage.PRE_DNAT_INGRESS, nodeport(0, Action.Allow));
        // Accepted before DNAT, the packet skips the ingress-forward check and meets the pod's side.
        assertThat(fromHost1.trace()).extracting(Step::stage).containsSubsequence(Stage.PRE_DNAT_INGRESS,
                Stage.DNAT, Stage.FORWARD_INGRESS, Stage.WORKLOAD_INGRESS, Stage.FORWARD_EGRESS);
        expect(sim.run(NODEPORT_FROM.formatted("198.19.0.2", "TCP", 30180)), DENY, Stage.PRE_DNAT_INGRESS,
                nodeport(1, Action.Deny));
        expect(sim.run(NODEPORT_FROM.formatted("198.19.15.1", "TCP", 30180)), DENY, Stage.PRE_DNAT_INGRESS,
                nodeport(1, Action.Deny));
    }

    @Test
    void thePreDnatDenyRangeCoversEveryNodePortForTcpAndUdpAndNothingElse() {
        Sim sim = withHostEndpoints().add(Sim.seed("002-gnp-nodeport-policy-allow-host1.yaml"));
        expect(sim.run(NODEPORT_FROM.formatted(HOST1, "TCP", 30000)), DENY, Stage.PRE_DNAT_INGRESS,
                nodeport(1, Action.Deny));
        expect(sim.run(NODEPORT_FROM.formatted(HOST1, "TCP", 32767)), DENY, Stage.PRE_DNAT_INGRESS,
                nodeport(1, Action.Deny));
        expect(sim.run(NODEPORT_FROM.formatted(HOST1, "UDP", 30180)), DENY, Stage.PRE_DNAT_INGRESS,
                nodeport(2, Action.Deny));
        // Outside the range, pre-DNAT policy has no verdict and the ordinary node policy decides.
        Verdict below = sim.run(FTP_FROM_HOST1.replace("dstPort=21", "dstPort=29999"));
        expect(below, DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("default", "ingress"));
        assertThat(below.trace().stream().filter(s -> s.stage() == Stage.PRE_DNAT_INGRESS).findFirst().orElseThrow()
                .decision()).isEqualTo(new Decision.NoVerdict("ingress", 1));
    }
}
