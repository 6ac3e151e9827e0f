package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.NamedPortSetEntry.Member;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.ResourceKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The named ports of every host endpoint and the (address, protocol, port) triples an endpoint contributes to
 * a named-port set: its expected IPs crossed with its ports of that name (and of the set's protocol, if any).
 */
final class NamedPortIndex {

    private record Ports(List<String> ips, List<EndpointPort> ports) {
    }

    private final Map<ResourceKey, Ports> byEndpoint = new HashMap<>();

    /** Records the endpoint's ports; returns whether anything a named-port set depends on changed. */
    boolean update(ResourceKey key, HostEndpoint hep) {
        if (hep == null) {
            return byEndpoint.remove(key) != null;
        }
        Ports now = new Ports(hep.spec().expectedIPs().stream().map(NamedPortIndex::address).toList(),
                hep.spec().ports());
        if (now.ports().isEmpty()) {
            return byEndpoint.remove(key) != null;
        }
        return !now.equals(byEndpoint.put(key, now));
    }

    /** Members carry the address in canonical text, as IP-set members do. */
    private static String address(String ip) {
        return IpAddress.parse(ip.trim()).map(IpAddress::toString).orElseThrow(() -> new EngineInvariantException(
                "expected IP \"" + ip + "\" passed validation but is not an address"));
    }

    List<Member> members(ResourceKey key, String portName, Integer protocol) {
        Ports p = byEndpoint.get(key);
        if (p == null) {
            return List.of();
        }
        List<Member> out = new ArrayList<>();
        for (EndpointPort port : p.ports()) {
            if (!port.name().equals(portName) || port.protocol() == null || port.protocol().number().isEmpty()) {
                continue;
            }
            int proto = port.protocol().number().getAsInt();
            if (protocol != null && protocol != proto) {
                continue;
            }
            for (String ip : p.ips()) {
                out.add(new Member(ip, proto, port.port()));
            }
        }
        return out;
    }
}
