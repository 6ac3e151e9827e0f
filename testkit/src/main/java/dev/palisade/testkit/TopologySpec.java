package dev.palisade.testkit;

import java.util.List;

/**
 * The shape of a cluster of namespaces: hosts on one shared segment, "pods" behind {@code cali…} veths on
 * a node, and NodePorts that a node DNATs to a pod as kube-proxy would.
 *
 * @param ipv4PrefixLength prefix length of the hosts' shared IPv4 segment
 * @param hosts            hosts on the segment (nodes and outside machines alike)
 * @param pods             workload namespaces, each behind a veth on its node
 * @param nodePorts        DNAT rules installed on every node whose name is listed in {@code nodes}
 */
public record TopologySpec(int ipv4PrefixLength, List<HostSpec> hosts, List<PodSpec> pods, List<NodePortSpec> nodePorts) {

    /** A host on the segment; {@code ipv6} may be null for an IPv4-only host. */
    public record HostSpec(String name, String ipv4, String ipv6) {
        public HostSpec {
            TestAddresses.requireTestRange(ipv4);
            if (ipv6 != null) {
                TestAddresses.requireTestRange(ipv6);
            }
        }
    }

    /** A workload namespace on {@code node}, reached from the node through the veth {@code hostIf}. */
    public record PodSpec(String name, String node, String ipv4, String hostIf) {
        public PodSpec {
            TestAddresses.requireTestRange(ipv4);
            if (!hostIf.startsWith("cali") || hostIf.length() > 15) {
                throw new IllegalArgumentException("pod interface '" + hostIf
                        + "' must start with 'cali' (the default workload prefix) and fit 15 characters");
            }
        }
    }

    /** Traffic to {@code port} on any of {@code nodes} is DNATed to {@code pod}'s {@code targetPort}. */
    public record NodePortSpec(Protocol protocol, int port, String pod, int targetPort, List<String> nodes) {
        public NodePortSpec {
            nodes = List.copyOf(nodes);
        }
    }

    public TopologySpec {
        hosts = List.copyOf(hosts);
        pods = List.copyOf(pods);
        nodePorts = List.copyOf(nodePorts);
        List<String> names = hosts.stream().map(HostSpec::name).toList();
        for (PodSpec pod : pods) {
            if (!names.contains(pod.node())) {
                throw new IllegalArgumentException("pod '" + pod.name() + "' is on unknown node '" + pod.node() + "'");
            }
        }
    }

    /**
     * The seed tutorials' cluster: {@code master}, {@code node1}, {@code node2} and an {@code external}
     * client. Addresses are seed 002's own (they already lie in 198.18.0.0/15, so its manifests apply
     * unchanged: the control node is 198.19.0.1 and the outside host 198.19.15.254); seed 001's
     * 192.168.2.x map onto the same hosts. A pod on node2 serves the NodePort 30180 of every node.
     */
    public static TopologySpec demo() {
        List<String> nodes = List.of("master", "node1", "node2");
        return new TopologySpec(20,
                List.of(new HostSpec("master", "198.19.0.1", "2001:db8:19::1"),
                        new HostSpec("node1", "198.19.0.2", "2001:db8:19::2"),
                        new HostSpec("node2", "198.19.0.3", "2001:db8:19::3"),
                        new HostSpec("external", "198.19.15.254", "2001:db8:19::fe")),
                List.of(new PodSpec("pod", "node2", "198.18.3.2", "cali2f3a0c9b1d4")),
                List.of(new NodePortSpec(Protocol.TCP, 30180, "pod", 8080, nodes)));
    }

    public HostSpec host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host named '" + name + "' in the topology"));
    }

    public PodSpec pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pod named '" + name + "' in the topology"));
    }
}
