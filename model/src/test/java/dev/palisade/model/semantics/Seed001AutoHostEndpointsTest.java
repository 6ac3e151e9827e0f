package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001, "Securing Kubernetes Nodes with Calico Automatic Host Endpoints", step by step. The cluster:
 * master 192.168.2.10, node1 192.168.2.11, node2 192.168.2.12 (from {@code calicoctl get nodes}), each on
 * eth0; an external client at 192.168.2.100 on the same network. The master's host endpoint is the
 * tutorial's own {@code master-auto-hep}; node1's and node2's are what the controller makes the same way
 * (wildcard, node IP, node labels, default-allow). Then the tutorial's labelling steps: every node gets
 * {@code kubernetes-host}, the workers {@code kubernetes-worker}.
 */
class Seed001AutoHostEndpointsTest {

    private static final String NODES = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: master}
            spec: {interfaces: [{name: eth0, addresses: [192.168.2.10/24]}, {name: lo, addresses: [127.0.0.1/8]}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: node1}
            spec: {interfaces: [{name: eth0, addresses: [192.168.2.11/24]}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: node2}
            spec: {interfaces: [{name: eth0, addresses: [192.168.2.12/24]}, {name: cali1a2b3c4d5e6}]}
            """;

    private static final String EXTERNAL_CURL = "node=master,in=eth0,out=local,src=192.168.2.100,dst=192.168.2.10,"
            + "proto=TCP,srcPort=51000,dstPort=8888";
    /** busybox runs on node2; its request reaches the master from node2's address, as the server log shows. */
    private static final String BUSYBOX_WGET = "node=master,in=eth0,out=local,src=192.168.2.12,dst=192.168.2.10,"
            + "proto=TCP,srcPort=52000,dstPort=8888";
    private static final String NODE1_CURL = "node=master,in=eth0,out=local,src=192.168.2.11,dst=192.168.2.10,"
            + "proto=TCP,srcPort=53000,dstPort=8888";

    private static Sim autoHostEndpoints() {
        HostEndpoint master = (HostEndpoint) Sim.seed("001-hostendpoint-master-auto-hep.yaml").getFirst();
        return Sim.of(NODES).add(List.of(master, sibling(master, "node1", "192.168.2.11"),
                sibling(master, "node2", "192.168.2.12")));
    }

    /** Another node's automatic host endpoint: the master's with that node's name, address and labels. */
    private static HostEndpoint sibling(HostEndpoint master, String node, String ip) {
        Map<String, String> labels = new HashMap<>(master.metadata().labels());
        labels.remove("node-role.kubernetes.io/master");
        labels.put("kubernetes.io/hostname", node);
        HostEndpointSpec s = master.spec();
        return new HostEndpoint(new ObjectMeta(node + "-auto-hep", null, labels, null, null, null, null), new HostEndpointSpec(node, s.interfaceName(), List.of(ip), s.profiles(),
                s.ports()));
    }

    /** {@code kubectl label nodes --all kubernetes-host=} and the workers' {@code kubernetes-worker=}. */
    private static Sim labelled() {
        Sim sim = autoHostEndpoints();
        List<Resource> relabelled = sim.resources().stream().map(r -> r instanceof HostEndpoint h
                ? (Resource) label(h) : r).toList();
        return Sim.of().add(relabelled);
    }

    private static HostEndpoint label(HostEndpoint h) {
        Map<String, String> labels = new HashMap<>(h.metadata().labels());
        labels.put("kubernetes-host", "");
        if (!labels.containsKey("node-role.kubernetes.io/master")) {
            labels.put("kubernetes-worker", "");
        }
        return new HostEndpoint(h.metadata().withLabels(labels), h.spec());
    }

    private static Sim nodePolicies() {
        return labelled().add(Sim.seed("001-gnp-ingress-k8s-masters.yaml"))
                .add(Sim.seed("001-gnp-ingress-k8s-workers.yaml"));
    }

    private static final Decision DEFAULT_ALLOW_IN =
            new Decision.ProfileRule("projectcalico-default-allow", "ingress", 0, Action.Allow);

    @Test
    void autoHostEndpointsAloneAllowEverythingThroughTheDefaultAllowProfile() {
        Verdict v = autoHostEndpoints().run(EXTERNAL_CURL);
        expect(v, ALLOW, Stage.NORMAL_INGRESS, DEFAULT_ALLOW_IN);
        assertThat(v.decidedBy().hostEndpoint()).isEqualTo("master-auto-hep");
    }

    @Test
    void afterTheNodePoliciesExternalCurlToTheMasterTimesOut() {
        expect(nodePolicies().run(EXTERNAL_CURL), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void afterTheNodePoliciesTheBusyboxWgetTimesOut() {
        expect(nodePolicies().run(BUSYBOX_WGET), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void theBusyboxPodsRequestLeavesNode2ThroughTheWildcardEndpointUnhindered() {
        String podEgress = "node=node2,in=cali1a2b3c4d5e6,out=eth0,src=10.244.2.5,dst=192.168.2.10,proto=TCP,"
                + "srcPort=52000,dstPort=8888";
        expect(nodePolicies().run(podEgress), ALLOW, Stage.FORWARD_INGRESS,
                new Decision.ForwardDefaultAllow("node2-auto-hep"));
    }

    @Test
    void theMasterPolicyAllowsTheApiServerLocalhostAndEtcdPeersAmongMasters() {
        Sim sim = nodePolicies();
        expect(sim.run(EXTERNAL_CURL.replace("dstPort=8888", "dstPort=6443")), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.Failsafe("ingress", "TCP", 6443, null, FelixSettings.BUILT_IN, false));
        expect(sim.run("node=master,in=lo,out=local,src=127.0.0.1,dst=127.0.0.1,proto=TCP,srcPort=40000,dstPort=8888"),
                ALLOW, Stage.NORMAL_INGRESS, gnp("ingress-k8s-masters", "ingress", 1, Action.Allow));
        expect(sim.run(EXTERNAL_CURL.replace("proto=TCP", "proto=UDP").replace("dstPort=8888", "dstPort=53")),
                ALLOW, Stage.NORMAL_INGRESS, gnp("ingress-k8s-masters", "ingress", 2, Action.Allow));
        // 10250 from a worker: the master's fourth rule wants a master as source.
        expect(sim.run(NODE1_CURL.replace("dstPort=8888", "dstPort=10250")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void onlyTheMastersReachTheWorkersKubelet() {
        Sim sim = nodePolicies();
        String toNode1Kubelet = "node=node1,in=eth0,out=local,src=%s,dst=192.168.2.11,proto=TCP,srcPort=50000,"
                + "dstPort=10250";
        expect(sim.run(toNode1Kubelet.formatted("192.168.2.10")), ALLOW, Stage.NORMAL_INGRESS,
                gnp("ingress-k8s-workers", "ingress", 1, Action.Allow));
        expect(sim.run(toNode1Kubelet.formatted("192.168.2.12")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void failsafeSshStillReachesTheLockedDownMaster() {
        expect(nodePolicies().run(EXTERNAL_CURL.replace("dstPort=8888", "dstPort=22")), ALLOW,
                Stage.NORMAL_INGRESS, new Decision.Failsafe("ingress", "TCP", 22, null, FelixSettings.BUILT_IN,
                        false));
    }

    @Test
    void globalAccessOpensPort8888ToBusyboxAndTheExternalClient() {
        Sim sim = nodePolicies().add(Sim.seed("001-gnp-global-access.yaml"));
        Decision globalAccess = gnp("global-access", "ingress", 0, Action.Allow);
        expect(sim.run(BUSYBOX_WGET), ALLOW, Stage.NORMAL_INGRESS, globalAccess);
        expect(sim.run(EXTERNAL_CURL), ALLOW, Stage.NORMAL_INGRESS, globalAccess);
    }

    @Test
    void internalAccessAdmitsClusterNodesOnlyAfterGlobalAccessIsDeleted() {
        Sim sim = nodePolicies().add(Sim.seed("001-gnp-global-access.yaml")).delete("global-access")
                .add(Sim.seed("001-gnp-internal-access.yaml"));
        expect(sim.run(EXTERNAL_CURL), DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("default", "ingress"));
        expect(sim.run(NODE1_CURL), ALLOW, Stage.NORMAL_INGRESS, gnp("internal-access", "ingress", 0, Action.Allow));
    }
}
