package dev.palisade.e2e.oracle;

import dev.palisade.e2e.scenario.Expect;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.semantics.Packet;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.TopologySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The packets a probe's first packet becomes at each node it crosses in the topology, as {@code palisade
 * simulate} describes them (node, in, out, addresses, DNAT): leaving the source node, being forwarded by
 * the node a pod sits behind, a NodePort's DNAT (with the masquerade the topology applies when the pod is
 * on another node), arriving at the destination node. Hosts that are not Kubernetes nodes police nothing.
 */
public final class PacketPath {

    private static final String UPLINK = "eth0";
    private static final int SOURCE_PORT = 40000;

    private final TopologySpec topology;
    private final List<String> nodes;

    public PacketPath(TopologySpec topology, List<String> nodes) {
        this.topology = topology;
        this.nodes = List.copyOf(nodes);
    }

    public List<Packet> of(Expect probe) {
        List<Packet> hops = new ArrayList<>();
        String src = address(probe.from());
        Optional<TopologySpec.NodePortSpec> nodePort = nodePort(probe);
        boolean fromPod = isPod(probe.from());
        String firstNode = fromPod ? topology.pod(probe.from()).node() : probe.from();
        String firstIn = fromPod ? topology.pod(probe.from()).hostIf() : Packet.LOCAL;

        if (nodePort.isPresent()) {
            TopologySpec.PodSpec pod = topology.pod(nodePort.get().pod());
            String dst = address(probe.to());
            if (!firstNode.equals(probe.to())) {
                hop(hops, firstNode, firstIn, UPLINK, src, dst, probe.protocol(), probe.port(), null);
            }
            boolean podHere = pod.node().equals(probe.to());
            String nodeIn = firstNode.equals(probe.to()) ? firstIn : UPLINK;
            hop(hops, probe.to(), nodeIn, podHere ? pod.hostIf() : UPLINK, src, dst, probe.protocol(), probe.port(),
                    new Packet.Destination(inet(pod.ipv4()), nodePort.get().targetPort()));
            if (!podHere) {
                hop(hops, pod.node(), UPLINK, pod.hostIf(), address(probe.to()), pod.ipv4(), probe.protocol(),
                        nodePort.get().targetPort(), null);
            }
            return hops;
        }

        String dst = address(probe.to());
        if (isPod(probe.to())) {
            TopologySpec.PodSpec pod = topology.pod(probe.to());
            if (!firstNode.equals(pod.node())) {
                hop(hops, firstNode, firstIn, UPLINK, src, dst, probe.protocol(), probe.port(), null);
            }
            String in = firstNode.equals(pod.node()) ? firstIn : UPLINK;
            hop(hops, pod.node(), in, pod.hostIf(), src, dst, probe.protocol(), probe.port(), null);
            return hops;
        }
        if (!firstNode.equals(probe.to())) {
            hop(hops, firstNode, firstIn, UPLINK, src, dst, probe.protocol(), probe.port(), null);
            hop(hops, probe.to(), UPLINK, Packet.LOCAL, src, dst, probe.protocol(), probe.port(), null);
        } else {
            hop(hops, probe.to(), firstIn, Packet.LOCAL, src, dst, probe.protocol(), probe.port(), null);
        }
        return hops;
    }

    private void hop(List<Packet> hops, String node, String in, String out, String src, String dst, Protocol protocol,
                     int port, Packet.Destination dnatTo) {
        if (!nodes.contains(node)) {
            return;
        }
        hops.add(new Packet(node, in, out, inet(src), inet(dst), protocol == Protocol.TCP ? 6 : 17, SOURCE_PORT, port,
                null, null, Packet.ConnState.NEW, dnatTo));
    }

    private Optional<TopologySpec.NodePortSpec> nodePort(Expect probe) {
        return topology.nodePorts().stream()
                .filter(n -> n.port() == probe.port() && n.protocol() == probe.protocol() && n.nodes().contains(probe.to()))
                .findFirst();
    }

    private boolean isPod(String name) {
        return topology.pods().stream().anyMatch(p -> p.name().equals(name));
    }

    private String address(String name) {
        return isPod(name) ? topology.pod(name).ipv4() : topology.host(name).ipv4();
    }

    private static IpAddress inet(String literal) {
        return IpAddress.parse(literal).orElseThrow(() -> new IllegalArgumentException("not an address: " + literal));
    }
}
