package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.NetworkSetSpec;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The IP sets rule selectors stand for (spec §4.10), computed on demand: the expected IPs of matching host
 * endpoints and the nets of matching network sets (global and namespaced), cluster-wide (remote nodes'
 * endpoints too).
 * Interface addresses are never members: an endpoint with only {@code interfaceName} contributes nothing.
 */
final class PeerSets {

    private final World world;

    PeerSets(World world) {
        this.world = world;
    }

    /** Is {@code ip} a member of the set of everything whose labels satisfy {@code selects}? */
    boolean contains(Predicate<Map<String, String>> selects, IpAddress ip) {
        for (HostEndpoint h : world.hostEndpoints()) {
            if (selects.test(world.labels(h)) && hasExpectedIp(h, ip)) {
                return true;
            }
        }
        for (GlobalNetworkSet s : world.globalNetworkSets()) {
            if (selects.test(s.metadata().labels()) && inNets(s.spec(), ip)) {
                return true;
            }
        }
        for (NetworkSet s : world.networkSets()) {
            if (selects.test(world.labels(s)) && inNets(s.spec(), ip)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inNets(NetworkSetSpec spec, IpAddress ip) {
        return spec.nets().stream().flatMap(n -> Cidr.parse(n).stream()).anyMatch(c -> c.contains(ip));
    }

    /**
     * Is (ip, protocol, port) in the named-port set: each selected endpoint's IPs crossed with its ports
     * called {@code portName}, of the rule's protocol ({@code ruleProtocol} null = any).
     */
    boolean namedPortContains(Predicate<Map<String, String>> selects, String portName, Integer ruleProtocol,
                              IpAddress ip, int protocol, int port) {
        if (ruleProtocol != null && ruleProtocol != protocol) {
            return false;
        }
        for (HostEndpoint h : world.hostEndpoints()) {
            if (selects.test(world.labels(h)) && hasExpectedIp(h, ip)) {
                for (EndpointPort p : h.spec().ports()) {
                    if (portName.equals(p.name()) && p.port() == port
                            && p.protocol() != null && p.protocol().number().orElse(-1) == protocol) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasExpectedIp(HostEndpoint h, IpAddress ip) {
        return h.spec().expectedIPs().stream().flatMap(s -> IpAddress.parse(s).stream()).anyMatch(ip::equals);
    }
}
