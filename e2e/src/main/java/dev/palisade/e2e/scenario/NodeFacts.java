package dev.palisade.e2e.scenario;

import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.testkit.TopologySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an external system knows about a node and sends in its {@code io.k8s.node.*} event: name, labels,
 * its InternalIP and its {@code eth0} with addresses, taken from the topology.
 */
public record NodeFacts(String name, Map<String, String> labels, String ipv4, String ipv6, int ipv4PrefixLength) {

    public static NodeFacts of(TopologySpec topology, Action.NodeEvent event) {
        TopologySpec.HostSpec host = topology.host(event.node());
        return new NodeFacts(event.node(), event.labels(), host.ipv4(), host.ipv6(), topology.ipv4PrefixLength());
    }

    private List<String> interfaceAddresses() {
        List<String> addresses = new ArrayList<>(List.of(ipv4 + "/" + ipv4PrefixLength));
        if (ipv6 != null) {
            addresses.add(ipv6 + "/64");
        }
        return addresses;
    }

    /** The CloudEvent's {@code data}. */
    public Map<String, Object> eventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("labels", labels);
        data.put("addresses", List.of(ipv4));
        data.put("interfaces", List.of(Map.of("name", "eth0", "addresses", interfaceAddresses())));
        return data;
    }

    /** The Node resource the event stands for. */
    public Node toNode() {
        return new Node(ObjectMeta.named(name).withLabels(labels),
                new NodeSpec(null, null, null, null, List.of(new NodeSpec.NodeAddress(ipv4, "InternalIP")),
                        List.of(new NodeSpec.NodeInterface("eth0", interfaceAddresses()))));
    }
}
