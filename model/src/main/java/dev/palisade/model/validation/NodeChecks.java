package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.NodeSpec;

import java.util.List;
import java.util.Set;

/** Node addresses and interface addresses are IPs or CIDRs; BGP addresses are of their stated family. */
final class NodeChecks {

    private static final Set<String> ADDRESS_TYPES = Set.of("InternalIP", "ExternalIP", "CalicoNodeIP");
    private static final String NOT_AN_ADDRESS = "invalid IP address or CIDR";

    private NodeChecks() {
    }

    static void check(NodeSpec spec, Problems problems) {
        if (spec.bgp() != null) {
            family("spec.bgp.ipv4Address", spec.bgp().ipv4Address(), 4, problems);
            family("spec.bgp.ipv6Address", spec.bgp().ipv6Address(), 6, problems);
            family("spec.bgp.ipv4IPIPTunnelAddr", spec.bgp().ipv4IPIPTunnelAddr(), 4, problems);
        }
        family("spec.ipv4VXLANTunnelAddr", spec.ipv4VXLANTunnelAddr(), 4, problems);
        family("spec.ipv6VXLANTunnelAddr", spec.ipv6VXLANTunnelAddr(), 6, problems);
        if (spec.wireguard() != null) {
            family("spec.wireguard.interfaceIPv4Address", spec.wireguard().interfaceIPv4Address(), 4, problems);
            family("spec.wireguard.interfaceIPv6Address", spec.wireguard().interfaceIPv6Address(), 6, problems);
        }
        List<NodeSpec.NodeAddress> addresses = spec.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            String at = Problems.index("spec.addresses", i);
            NodeSpec.NodeAddress a = addresses.get(i);
            if (Cidr.parse(a.address()).isEmpty()) {
                problems.add(at + ".address", NOT_AN_ADDRESS);
            }
            if (a.type() != null && !a.type().isEmpty() && !ADDRESS_TYPES.contains(a.type())) {
                problems.add(at + ".type", "type must be one of CalicoNodeIP, ExternalIP, InternalIP");
            }
        }
        List<NodeSpec.NodeInterface> interfaces = spec.interfaces();
        for (int i = 0; i < interfaces.size(); i++) {
            String at = Problems.index("spec.interfaces", i);
            NodeSpec.NodeInterface itf = interfaces.get(i);
            String name = itf.name() == null ? "" : itf.name();
            problems.addIfPresent(at + ".name", name.isEmpty() ? "name must be specified" : Names.interfaceName(name));
            for (int j = 0; j < itf.addresses().size(); j++) {
                if (Cidr.parse(itf.addresses().get(j)).isEmpty()) {
                    problems.add(Problems.index(at + ".addresses", j), NOT_AN_ADDRESS);
                }
            }
        }
    }

    private static void family(String path, String value, int version, Problems problems) {
        if (value != null && !value.isEmpty()
                && Cidr.parse(value).map(c -> c.family().version()).orElse(0) != version) {
            problems.add(path, "must be an IPv" + version + " address or CIDR");
        }
    }
}
