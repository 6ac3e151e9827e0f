package dev.palisade.driver.core;

import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.InterfaceMatching;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.net.IpAddress;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, from the node's live interfaces, which host endpoint governs each (spec §4.1). Workload
 * interfaces ({@code interfacePrefixes}) and excluded ones are never candidates; a named endpoint matches by
 * {@code interfaceName}, or, with that empty, by one of its {@code expectedIPs} configured on the interface;
 * the smallest endpoint name wins; the wildcard endpoint with the smallest name covers everything else.
 */
public final class InterfaceGovernance {

    private InterfaceGovernance() {
    }

    public static Governance govern(Collection<EndpointEntry> endpoints, List<HostInterface> interfaces,
                                    NodeConfigEntry config) {
        List<EndpointEntry> byName = endpoints.stream().sorted(Comparator.comparing(EndpointEntry::name)).toList();
        TreeMap<String, EndpointEntry> governed = new TreeMap<>();
        for (HostInterface iface : interfaces) {
            if (!isCandidate(iface.name(), config)) {
                continue;
            }
            byName.stream()
                    .filter(e -> !e.isWildcard() && matches(e, iface))
                    .findFirst()
                    .ifPresent(e -> governed.put(iface.name(), e));
        }
        EndpointEntry wildcard = byName.stream().filter(EndpointEntry::isWildcard).findFirst().orElse(null);
        return new Governance(governed, wildcard);
    }

    public static boolean isCandidate(String iface, NodeConfigEntry config) {
        return !InterfaceMatching.isWorkload(config.interfacePrefixes(), iface)
                && !InterfaceMatching.isExcluded(config.interfaceExcludes(), iface);
    }

    private static boolean matches(EndpointEntry endpoint, HostInterface iface) {
        // parsed, so that 2001:db8::1 equals 2001:0db8:0:0::1
        List<IpAddress> addresses = iface.addresses().stream().map(IpAddress::parse).flatMap(Optional::stream).toList();
        return InterfaceMatching.endpointMatches(endpoint.interfaceName(), endpoint.expectedIPs(), iface.name(),
                addresses);
    }
}
