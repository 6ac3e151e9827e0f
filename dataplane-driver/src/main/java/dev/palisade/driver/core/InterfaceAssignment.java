package dev.palisade.driver.core;

import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.InterfaceGovernance;
import dev.palisade.model.dataplane.InterfaceMatching;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.net.IpAddress;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which host endpoint governs which of the node's live interfaces: each candidate interface at most one
 * endpoint, and the all-interfaces endpoint (null when none) for every interface no named endpoint governs.
 * The rule itself (spec §4.1) is model's {@link InterfaceGovernance}, shared with the reference evaluator.
 */
public record InterfaceAssignment(SortedMap<String, EndpointEntry> byInterface, EndpointEntry wildcard) {

    public InterfaceAssignment {
        byInterface = Collections.unmodifiableSortedMap(byInterface);
    }

    public static InterfaceAssignment of(Collection<EndpointEntry> endpoints, List<HostInterface> interfaces,
                                         NodeConfigEntry config) {
        InterfaceGovernance<EndpointEntry> rule = new InterfaceGovernance<>(endpoints, EndpointEntry::name,
                EndpointEntry::interfaceName, EndpointEntry::expectedIPs);
        TreeMap<String, EndpointEntry> governed = new TreeMap<>();
        for (HostInterface iface : interfaces) {
            if (isCandidate(iface.name(), config)) {
                // parsed, so that 2001:db8::1 equals 2001:0db8:0:0::1
                List<IpAddress> addresses = iface.addresses().stream().map(IpAddress::parse)
                        .flatMap(Optional::stream).toList();
                rule.named(iface.name(), addresses).ifPresent(e -> governed.put(iface.name(), e));
            }
        }
        return new InterfaceAssignment(governed, rule.wildcard().orElse(null));
    }

    /** Workload interfaces ({@code interfacePrefixes}) and excluded ones are never governed by a named endpoint. */
    public static boolean isCandidate(String iface, NodeConfigEntry config) {
        return !InterfaceMatching.isWorkload(config.interfacePrefixes(), iface)
                && !InterfaceMatching.isExcluded(config.interfaceExcludes(), iface);
    }
}
