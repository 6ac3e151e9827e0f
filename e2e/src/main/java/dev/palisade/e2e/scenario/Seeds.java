package dev.palisade.e2e.scenario;

import static dev.palisade.e2e.scenario.Expect.blocked;
import static dev.palisade.e2e.scenario.Expect.open;

import dev.palisade.model.resource.Kind;
import dev.palisade.testkit.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed tutorials as scenarios over {@link dev.palisade.testkit.TopologySpec#demo()}: {@code master},
 * {@code node1}, {@code node2} are the Kubernetes nodes (seed 002's control node is {@code master}), {@code
 * external} is the outside client (seed 002's host1), {@code pod} a workload on node2 that also serves
 * NodePort 30180. Expected results are the ones the seeds state.
 */
public final class Seeds {

    private static final List<String> NODES = List.of("master", "node1", "node2");
    private static final List<String> AUTO_HEPS = List.of("master-auto-hep", "node1-auto-hep", "node2-auto-hep");
    private static final int HTTP = 8888;
    private static final int SSH = 22;
    private static final int FTP = 21;
    private static final int NODE_PORT = 30180;

    private final SeedManifests manifests;

    public Seeds(SeedManifests manifests) {
        this.manifests = manifests;
    }

    public List<Scenario> all() {
        return List.of(seed001(), seed002(), seed000());
    }

    /** Seed 001, "Securing Kubernetes Nodes with Calico Automatic Host Endpoints". */
    public Scenario seed001() {
        List<Expect> allOpen = List.of(open("external", "master", HTTP), open("pod", "master", HTTP),
                open("node1", "master", HTTP), open("external", "master", SSH));
        return new Scenario("seed 001: automatic host endpoints",
                List.of(new Scenario.Listen("master", Protocol.TCP, HTTP, true),
                        new Scenario.Listen("master", Protocol.TCP, SSH, false)),
                NODES,
                List.of(new ScenarioStep("nodes join; python3 -m http.server 8888 on master; no host endpoints yet",
                                nodesJoin(), allOpen, Optional.of(List.of())),
                        new ScenarioStep("autoCreate: Enabled -> an auto host endpoint per node, default-allow profile",
                                List.of(new Action.EnableAutoHostEndpoints()), allOpen, Optional.of(AUTO_HEPS)),
                        new ScenarioStep("kubectl label nodes --all kubernetes-host=; workers kubernetes-worker=",
                                List.of(labelled("master", Map.of("kubernetes-host", "")),
                                        labelled("node1", Map.of("kubernetes-host", "", "kubernetes-worker", "")),
                                        labelled("node2", Map.of("kubernetes-host", "", "kubernetes-worker", ""))),
                                allOpen, Optional.of(AUTO_HEPS)),
                        new ScenarioStep("ingress-k8s-masters and ingress-k8s-workers: 8888 times out, SSH is failsafe",
                                List.of(manifests.apply("001-gnp-ingress-k8s-masters.yaml"),
                                        manifests.apply("001-gnp-ingress-k8s-workers.yaml")),
                                List.of(blocked("external", "master", HTTP), blocked("pod", "master", HTTP),
                                        blocked("node1", "master", HTTP), open("external", "master", SSH))),
                        new ScenarioStep("global-access opens 8888 to everyone",
                                List.of(manifests.apply("001-gnp-global-access.yaml")),
                                List.of(open("external", "master", HTTP), open("pod", "master", HTTP),
                                        open("external", "master", SSH))),
                        new ScenarioStep("global-access deleted, internal-access: 8888 only from hosts of the cluster",
                                List.of(new Action.Delete(Kind.GLOBAL_NETWORK_POLICY, "global-access"),
                                        manifests.apply("001-gnp-internal-access.yaml")),
                                List.of(blocked("external", "master", HTTP), open("node1", "master", HTTP),
                                        blocked("pod", "master", HTTP), open("external", "master", SSH)))));
    }

    /** Seed 002, "Network Policy for Hosts and NodePorts" (host1 is {@code external}, control is {@code master}). */
    public Scenario seed002() {
        return new Scenario("seed 002: hosts and NodePorts",
                List.of(new Scenario.Listen("master", Protocol.TCP, FTP, false),
                        new Scenario.Listen("master", Protocol.TCP, SSH, false),
                        new Scenario.Listen("pod", Protocol.TCP, 8080, false)),
                NODES,
                List.of(new ScenarioStep("nodes join: FTP on the control node is open from host1", nodesJoin(),
                                List.of(open("external", "master", FTP), open("external", "master", NODE_PORT))),
                        new ScenarioStep("default-node-policy, no host endpoints yet: still open",
                                List.of(manifests.apply("002-gnp-default-node-policy.yaml")),
                                List.of(open("external", "master", FTP)), Optional.of(List.of())),
                        new ScenarioStep("autoCreate: Enabled: FTP times out, SSH is failsafe",
                                List.of(new Action.EnableAutoHostEndpoints()),
                                List.of(blocked("external", "master", FTP), open("external", "master", SSH),
                                        open("external", "master", NODE_PORT)),
                                Optional.of(AUTO_HEPS)),
                        new ScenarioStep("nodeport-policy (preDNAT) denies 30000-32767",
                                List.of(manifests.apply("002-gnp-nodeport-policy-deny.yaml")),
                                List.of(blocked("external", "master", NODE_PORT), blocked("node1", "master", NODE_PORT))),
                        new ScenarioStep("nodeport-policy allows 30180 from host1 only",
                                List.of(manifests.apply("002-gnp-nodeport-policy-allow-host1.yaml")),
                                List.of(open("external", "master", NODE_PORT),
                                        blocked("node1", "master", NODE_PORT)))));
    }

    /**
     * Seed 000, "Securing Host Endpoints" (legacy v1 manifests, converted). Its host1 is {@code node2}
     * (the node with the pod), whose {@code eth0} gets the named host endpoint (converted to {@code node2.eth0}); its cluster nets 10.0.2.0/24
     * and 172.16.0.0/16 become the nodes' 198.19.0.0/24 and the pods' 198.18.0.0/16, and the host endpoint
     * carries the {@code host-endpoint} label the preDNAT policies select on. "Workload C" listens on 9000.
     */
    public Scenario seed000() {
        Map<String, String> nets = Map.of("10.0.2.0/24", "198.19.0.0/24", "172.16.0.0/16", "198.18.0.0/16");
        return new Scenario("seed 000: leaky wall (named eth0 host endpoint, preDNAT)",
                List.of(new Scenario.Listen("node2", Protocol.TCP, 9000, false),
                        new Scenario.Listen("node2", Protocol.TCP, SSH, false),
                        new Scenario.Listen("pod", Protocol.TCP, 8080, false)),
                NODES,
                List.of(new ScenarioStep("nodes join: workload C on node2 and the pod are open", nodesJoin(),
                                List.of(open("external", "node2", 9000), open("external", "pod", 8080))),
                        new ScenarioStep("host endpoint eth0 on node2 and deny-host-access-on-worker",
                                List.of(manifests.applyAdapted("000-hostendpoint-host1-eth0.yaml",
                                                Map.of("node: host1", "node: node2",
                                                        "nodetype: worker", "nodetype: worker\n    host-endpoint: \"\"")),
                                        manifests.applyAdapted("000-policy-deny-host-access-on-worker.yaml",
                                                Map.of("10.0.2.0/24", "198.19.0.0/24"))),
                                List.of(blocked("external", "node2", 9000), open("external", "node2", SSH),
                                        open("external", "pod", 8080)),
                                Optional.of(List.of("node2.eth0"))),
                        new ScenarioStep("preDNAT: allow-cluster-internal-ingress, drop-other-ingress",
                                List.of(manifests.applyAdapted("000-policies-prednat-sequence.yaml", nets)),
                                List.of(blocked("external", "pod", 8080), open("master", "pod", 8080),
                                        open("external", "node2", SSH)))));
    }

    private static List<Action> nodesJoin() {
        return NODES.stream().<Action>map(n -> new Action.NodeEvent(Action.NodeEvent.ADDED, n, baseLabels(n))).toList();
    }

    private static Action labelled(String node, Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>(baseLabels(node));
        labels.putAll(extra);
        return new Action.NodeEvent(Action.NodeEvent.UPDATED, node, labels);
    }

    /** The labels kubelet puts on a node, as in the seed's {@code master-auto-hep}. */
    public static Map<String, String> baseLabels(String node) {
        Map<String, String> labels = new HashMap<>(Map.of("beta.kubernetes.io/arch", "amd64",
                "beta.kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                "kubernetes.io/hostname", node, "kubernetes.io/os", "linux"));
        if (node.equals("master")) {
            labels.put("node-role.kubernetes.io/master", "");
        }
        return labels;
    }
}
