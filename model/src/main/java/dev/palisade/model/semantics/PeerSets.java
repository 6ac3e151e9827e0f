package dev.palisade.model.semantics;

import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EndpointPort;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The IP sets rule selectors stand for (spec §4.10), looked up by address in the world's {@link PeerIndex}:
 * the expected IPs of matching host endpoints and the nets of matching network sets (global and namespaced),
 * cluster-wide (remote nodes' endpoints too).
 * Interface addresses are never members: an endpoint with only {@code interfaceName} contributes nothing.
 */
final class PeerSets {

    private final World world;

    PeerSets(World world) {
        this.world = world;
    }

    /** Is {@code ip} a member of the set of everything whose labels satisfy {@code selects}? */
    boolean contains(Predicate<Map<String, String>> selects, IpAddress ip) {
        for (PeerIndex.Member m : world.peerIndex().at(ip)) {
            if (selects.test(m.labels())) {
                return true;
            }
        }
        return false;
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
        for (PeerIndex.Member m : world.peerIndex().at(ip)) {
            if (m.hostEndpoint().isPresent() && selects.test(m.labels())) {
                for (EndpointPort p : m.hostEndpoint().get().spec().ports()) {
                    if (portName.equals(p.name()) && p.port() == port
                            && p.protocol() != null && p.protocol().number().orElse(-1) == protocol) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
