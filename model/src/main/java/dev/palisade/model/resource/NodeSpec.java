package dev.palisade.model.resource;

import java.util.List;

public record NodeSpec(
        Bgp bgp,
        String ipv4VXLANTunnelAddr,
        String ipv6VXLANTunnelAddr,
        Wireguard wireguard,
        List<NodeAddress> addresses,
        List<NodeInterface> interfaces,
        String vxlanTunnelMACAddr,
        String vxlanTunnelMACAddrV6,
        List<OrchRef> orchRefs) {

    public NodeSpec {
        addresses = Lists.copy(addresses);
        interfaces = Lists.copy(interfaces);
        orchRefs = Lists.copy(orchRefs);
    }

    /** The fields Palisade acts on only. */
    public NodeSpec(Bgp bgp, String ipv4VXLANTunnelAddr, String ipv6VXLANTunnelAddr, Wireguard wireguard,
                    List<NodeAddress> addresses, List<NodeInterface> interfaces) {
        this(bgp, ipv4VXLANTunnelAddr, ipv6VXLANTunnelAddr, wireguard, addresses, interfaces, null, null, null);
    }

    /** The orchestrator's name for this node ({@code orchestrator: k8s}); kept as imported. */
    public record OrchRef(String nodeName, String orchestrator) {
    }

    /** BGP addresses may carry a prefix length ({@code 10.0.0.1/24}). */
    public record Bgp(String ipv4Address, String ipv6Address, String ipv4IPIPTunnelAddr, String asNumber,
                      String routeReflectorClusterID) {
    }

    public record Wireguard(String interfaceIPv4Address, String interfaceIPv6Address) {
    }

    /** {@code type} is {@code InternalIP}, {@code ExternalIP} or {@code CalicoNodeIP}. */
    public record NodeAddress(String address, String type) {
    }

    /** A host interface and the addresses configured on it (plain IPs or CIDRs). */
    public record NodeInterface(String name, List<String> addresses) {
        public NodeInterface {
            addresses = Lists.copy(addresses);
        }
    }
}
