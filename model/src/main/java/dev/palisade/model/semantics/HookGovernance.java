package dev.palisade.model.semantics;

import dev.palisade.model.dataplane.InterfaceGovernance;
import dev.palisade.model.resource.HostEndpoint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which host endpoint governs an interface of a node (spec §4.1). Named endpoints (by interface name, or
 * with an empty name by an expected IP configured on the interface) govern host interfaces only; among
 * those that match, the smallest name wins whatever the kind of match. The smallest-named wildcard
 * endpoint is the dispatch default: it takes every interface no named endpoint governs, and at the hooks
 * that dispatch workload interfaces too, those as well.
 */
final class HookGovernance {

    private final World world;
    private final Map<String, InterfaceGovernance<HostEndpoint>> byNode = new ConcurrentHashMap<>();

    HookGovernance(World world) {
        this.world = world;
    }

    /** The governor at a hook that never sees workload interfaces (filter INPUT/OUTPUT). */
    Optional<Governor> ofHostInterface(String node, String iface) {
        if (world.felixSettings(node).isWorkloadInterface(iface)) {
            return Optional.empty();
        }
        return named(node, iface).or(() -> wildcard(node));
    }

    /** The governor at a hook whose dispatch default also catches workload interfaces (FORWARD, pre-DNAT). */
    Optional<Governor> ofAnyInterface(String node, String iface) {
        return named(node, iface).or(() -> wildcard(node));
    }

    /** Only named endpoints: untracked policy of a wildcard endpoint is ignored by Felix. */
    Optional<Governor> named(String node, String iface) {
        FelixSettings felix = world.felixSettings(node);
        if (felix.isWorkloadInterface(iface) || felix.isExcludedInterface(iface)) {
            return Optional.empty();
        }
        return rule(node).named(iface, world.interfaceAddresses(node, iface))
                .map(h -> new Governor(h, h.spec().interfaceName().isEmpty()
                        ? Governor.Match.EXPECTED_IP : Governor.Match.INTERFACE_NAME));
    }

    Optional<Governor> wildcard(String node) {
        return rule(node).wildcard().map(h -> new Governor(h, Governor.Match.WILDCARD));
    }

    private InterfaceGovernance<HostEndpoint> rule(String node) {
        return byNode.computeIfAbsent(node, n -> new InterfaceGovernance<>(world.hostEndpointsOn(n),
                h -> h.metadata().name(), h -> h.spec().interfaceName(), h -> h.spec().expectedIPs()));
    }
}
