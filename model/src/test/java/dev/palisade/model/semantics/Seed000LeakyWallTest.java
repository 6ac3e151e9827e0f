package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000, "Securing Host Endpoints With Project Calico — Part 2", from its v1 manifests (converted). The
 * worker host1 sits in the cluster network 10.0.2.0/24 (10.0.2.15 on eth0); workloads A and B are local
 * pods in the pod network 172.16.0.0/16 behind {@code cali} interfaces; workload C is a host process on
 * port 8080; an outside client is 192.0.2.50. A NodePort 30080 on host1 is DNAT'd to workload A.
 */
class Seed000LeakyWallTest {

    private static final String NODE = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: host1}
            spec: {interfaces: [{name: eth0, addresses: [10.0.2.15/24]}, {name: caliworkloada}, {name: caliworkloadb}]}
            """;
    private static final String TO_WORKLOAD_C = "node=host1,in=eth0,out=local,src=%s,dst=10.0.2.15,proto=TCP,"
            + "srcPort=40000,dstPort=8080";
    private static final String TO_WORKLOAD_A = "node=host1,in=eth0,out=caliworkloada,src=192.0.2.50,"
            + "dst=172.16.1.5,proto=TCP,srcPort=40000,dstPort=8080";
    private static final String NODEPORT = "node=host1,in=eth0,out=caliworkloada,src=%s,dst=10.0.2.15,proto=TCP,"
            + "srcPort=40000,dstPort=30080,dnatTo=172.16.1.5:8080";
    private static final String OUTSIDE = "192.0.2.50";

    private static Sim hostEndpointAndPolicy() {
        return Sim.of(NODE).add(Sim.seed("000-hostendpoint-host1-eth0.yaml"))
                .add(Sim.seed("000-policy-deny-host-access-on-worker.yaml"));
    }

    @Test
    void withoutAHostEndpointWorkloadCIsReachedUnimpeded() {
        expect(Sim.of(NODE).run(TO_WORKLOAD_C.formatted(OUTSIDE)), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.NotGoverned("eth0"));
    }

    @Test
    void denyHostAccessBlocksWorkloadCFromOutsideTheCluster() {
        Verdict v = hostEndpointAndPolicy().run(TO_WORKLOAD_C.formatted(OUTSIDE));
        expect(v, DENY, Stage.NORMAL_INGRESS, gnp("deny-host-access-on-worker", "ingress", 0, Action.Deny));
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo("host1.eth0");
    }

    /**
     * The tutorial only promises that outsiders are blocked. Inside the cluster no rule allows either: the
     * Deny rule does not match, and the default tier denies at its end (the endpoint has no profile).
     */
    @Test
    void clusterSourcesAreNotAllowedEitherTheTierDeniesAtItsEnd() {
        expect(hostEndpointAndPolicy().run(TO_WORKLOAD_C.formatted("10.0.2.20")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void hostEgressIsAllowedByThePolicysEgressRule() {
        expect(hostEndpointAndPolicy().run("node=host1,in=local,out=eth0,src=10.0.2.15,dst=192.0.2.80,proto=TCP,"
                        + "srcPort=40000,dstPort=443"),
                ALLOW, Stage.NORMAL_EGRESS, gnp("deny-host-access-on-worker", "egress", 0, Action.Allow));
    }

    @Test
    void trafficToWorkloadsSkipsHostEndpointPolicy() {
        Verdict v = hostEndpointAndPolicy().run(TO_WORKLOAD_A);
        expect(v, ALLOW, Stage.FORWARD_INGRESS, new Decision.ForwardDefaultAllow("host1.eth0"));
        assertThat(v.trace()).extracting(Step::stage).doesNotContain(Stage.NORMAL_INGRESS);
    }

    @Test
    void aNodePortIsDnatdBeforeHostEndpointPolicySoItIsNotEnforced() {
        Verdict v = hostEndpointAndPolicy().run(NODEPORT.formatted(OUTSIDE));
        expect(v, ALLOW, Stage.FORWARD_INGRESS, new Decision.ForwardDefaultAllow("host1.eth0"));
        assertThat(v.trace()).extracting(Step::stage).contains(Stage.DNAT).doesNotContain(Stage.NORMAL_INGRESS);
    }

    /** As written, the pre-DNAT policies select {@code has(host-endpoint)}, a label host1.eth0 does not carry. */
    @Test
    void thePreDnatPoliciesAsWrittenDoNotSelectTheTutorialsHostEndpoint() {
        Sim sim = hostEndpointAndPolicy().add(Sim.seed("000-policies-prednat-sequence.yaml"));
        Verdict v = sim.run(NODEPORT.formatted(OUTSIDE));
        expect(v, ALLOW, Stage.FORWARD_INGRESS, new Decision.ForwardDefaultAllow("host1.eth0"));
        assertThat(v.trace().get(1)).extracting(Step::stage, Step::decision)
                .containsExactly(Stage.PRE_DNAT_INGRESS, new Decision.NoVerdict("ingress", 0));
    }

    /**
     * The pre-DNAT pair on an endpoint that carries {@code host-endpoint} (the tutorial's endpoint plus the
     * one label its policies select): cluster and pod networks are allowed by the order-10 policy before the
     * order-20 one drops everything else, and both act on the NodePort before DNAT.
     */
    @Test
    void thePreDnatPairAllowsClusterAndPodNetworksAndDropsTheRest() {
        Sim sim = Sim.of().add(hostEndpointAndPolicy().add(Sim.seed("000-policies-prednat-sequence.yaml"))
                .resources().stream().map(Seed000LeakyWallTest::withHostEndpointLabel).toList());
        expect(sim.run(NODEPORT.formatted("10.0.2.20")), ALLOW, Stage.PRE_DNAT_INGRESS,
                gnp("allow-cluster-internal-ingress", "ingress", 0, Action.Allow));
        expect(sim.run(NODEPORT.formatted("172.16.4.4")), ALLOW, Stage.PRE_DNAT_INGRESS,
                gnp("allow-cluster-internal-ingress", "ingress", 0, Action.Allow));
        Verdict outside = sim.run(NODEPORT.formatted(OUTSIDE));
        expect(outside, DENY, Stage.PRE_DNAT_INGRESS, gnp("drop-other-ingress", "ingress", 0, Action.Deny));
        assertThat(outside.trace()).extracting(Step::stage).doesNotContain(Stage.DNAT);
        // A pre-DNAT allow also lets a host-bound packet past the normal policy that would deny it.
        expect(sim.run(TO_WORKLOAD_C.formatted("10.0.2.20")), ALLOW, Stage.PRE_DNAT_INGRESS,
                gnp("allow-cluster-internal-ingress", "ingress", 0, Action.Allow));
        // Failsafe ports are let through pre-DNAT policy and allowed by the normal chain.
        expect(sim.run(TO_WORKLOAD_C.formatted(OUTSIDE).replace("dstPort=8080", "dstPort=22")), ALLOW,
                Stage.NORMAL_INGRESS, new Decision.Failsafe("ingress", "TCP", 22, null, FelixSettings.BUILT_IN,
                        false));
    }

    private static Resource withHostEndpointLabel(Resource r) {
        if (!(r instanceof HostEndpoint h)) {
            return r;
        }
        Map<String, String> labels = new HashMap<>(h.metadata().labels());
        labels.put("host-endpoint", "");
        return new HostEndpoint(h.metadata().withLabels(labels), h.spec());
    }
}
