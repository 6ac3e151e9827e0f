package dev.palisade.model.dataplane;

import dev.palisade.model.resource.Action;

import java.util.List;

/**
 * A rule in dataplane-neutral form: selectors are replaced by IP-set ids, protocol names by numbers, and
 * named ports by named-port-set ids. Every present field must match (AND).
 *
 * @param ipVersion   4 or 6 to restrict the rule to one family; null renders it for both, each keeping only
 *                    the CIDRs of its family (a rule whose nets are all of the other family is dropped there)
 * @param protocol    IP protocol number, null = any
 * @param notProtocol IP protocol number the packet must not have, null = no restriction
 */
public record RuleEntry(Action action, Integer ipVersion, Integer protocol, Integer notProtocol,
                        IcmpMatch icmp, IcmpMatch notIcmp, PeerMatch source, PeerMatch destination) {

    public RuleEntry {
        source = source == null ? PeerMatch.ANY : source;
        destination = destination == null ? PeerMatch.ANY : destination;
    }

    public static RuleEntry of(Action action) {
        return new RuleEntry(action, null, null, null, null, null, null, null);
    }

    /** ICMP type and optional code (code null = any code). */
    public record IcmpMatch(int type, Integer code) {
    }

    /** An inclusive port range; a single port has {@code min == max}. */
    public record PortRange(int min, int max) {
        public boolean contains(int port) {
            return port >= min && port <= max;
        }
    }

    /**
     * Matches one side of the packet (source address and port, or destination address and port).
     * <ul>
     *   <li>address: in some of {@code nets} (when non-empty), in none of {@code notNets}, in every one of
     *       {@code ipSets}, in none of {@code notIpSets};</li>
     *   <li>port (when {@code ports} or {@code namedPortSets} is non-empty): in some range of {@code ports},
     *       or (address, protocol, port) in some of {@code namedPortSets};</li>
     *   <li>not port: in no range of {@code notPorts}, and (address, protocol, port) in none of
     *       {@code notNamedPortSets}.</li>
     * </ul>
     */
    public record PeerMatch(List<String> nets, List<String> notNets, List<String> ipSets, List<String> notIpSets,
                            List<PortRange> ports, List<String> namedPortSets, List<PortRange> notPorts,
                            List<String> notNamedPortSets) {

        public static final PeerMatch ANY = new PeerMatch(null, null, null, null, null, null, null, null);

        public PeerMatch {
            nets = EndpointEntry.copy(nets);
            notNets = EndpointEntry.copy(notNets);
            ipSets = EndpointEntry.copy(ipSets);
            notIpSets = EndpointEntry.copy(notIpSets);
            ports = EndpointEntry.copy(ports);
            namedPortSets = EndpointEntry.copy(namedPortSets);
            notPorts = EndpointEntry.copy(notPorts);
            notNamedPortSets = EndpointEntry.copy(notNamedPortSets);
        }

        public boolean hasPortMatch() {
            return !ports.isEmpty() || !namedPortSets.isEmpty();
        }
    }
}
