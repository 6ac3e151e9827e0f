package dev.palisade.hepcontroller.core;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.NodeSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses a node's auto host endpoints expect (spec §6), in Calico's order. Every entry may be a plain
 * IP or a CIDR; it is written as a canonical plain IP, so the same address given twice in different spellings
 * appears once. Entries that are not addresses are dropped.
 */
public final class ExpectedIps {

    static final String INTERNAL_IP = "InternalIP";

    private ExpectedIps() {
    }

    public static List<String> of(NodeSpec spec) {
        Set<String> ips = new LinkedHashSet<>();
        NodeSpec.Bgp bgp = spec.bgp();
        if (bgp != null) {
            add(ips, bgp.ipv4Address());
            add(ips, bgp.ipv6Address());
            add(ips, bgp.ipv4IPIPTunnelAddr());
        }
        add(ips, spec.ipv4VXLANTunnelAddr());
        add(ips, spec.ipv6VXLANTunnelAddr());
        NodeSpec.Wireguard wg = spec.wireguard();
        if (wg != null) {
            add(ips, wg.interfaceIPv4Address());
            add(ips, wg.interfaceIPv6Address());
        }
        spec.addresses().stream()
                .filter(a -> INTERNAL_IP.equals(a.type()))
                .forEach(a -> add(ips, a.address()));
        spec.interfaces().forEach(i -> i.addresses().forEach(a -> add(ips, a)));
        return List.copyOf(ips);
    }

    /** The IPs inside any of {@code cidrs}, in their original order. */
    public static List<String> within(List<String> ips, List<Cidr> cidrs) {
        return ips.stream()
                .filter(ip -> IpAddress.parse(ip).filter(a -> cidrs.stream().anyMatch(c -> c.contains(a))).isPresent())
                .toList();
    }

    /** {@code ips} followed by those of {@code more} (canonicalised, invalid dropped) not already present. */
    public static List<String> union(List<String> ips, List<String> more) {
        Set<String> all = new LinkedHashSet<>(ips);
        more.forEach(a -> add(all, a));
        return List.copyOf(all);
    }

    private static void add(Set<String> ips, String text) {
        Cidr.parse(text).ifPresent(cidr -> ips.add(cidr.address().toString()));
    }
}
