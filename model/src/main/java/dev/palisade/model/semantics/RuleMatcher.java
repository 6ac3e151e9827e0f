package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Does a rule match a packet (spec §1.7, §4.10)? Every field present must hold; entries of one list are
 * alternatives, except {@code notNets} which must all miss. A port condition never holds for a packet
 * without that port.
 */
final class RuleMatcher {

    private final PeerSets peers;

    RuleMatcher(World world) {
        this.peers = new PeerSets(world);
    }

    /** {@code where} names the rule for error messages, e.g. {@code GlobalNetworkPolicy x spec.ingress[2]}. */
    boolean matches(Rule rule, Packet p, String where) {
        Integer protocol = protocolNumber(rule.protocol());
        return (rule.ipVersion() == null || rule.ipVersion() == p.ipVersion())
                && (rule.protocol() == null || (protocol != null && protocol == p.protocol()))
                && (rule.notProtocol() == null || !Integer.valueOf(p.protocol()).equals(protocolNumber(rule.notProtocol())))
                && (!restricts(rule.icmp()) || icmpMatches(rule.icmp(), p))
                && (!restricts(rule.notICMP()) || !icmpMatches(rule.notICMP(), p))
                && entityMatches(rule.source(), protocol, p.src(), p.srcPort(), p.protocol(), where + ".source")
                && entityMatches(rule.destination(), protocol, p.dst(), p.dstPort(), p.protocol(),
                where + ".destination");
    }

    private static Integer protocolNumber(Protocol protocol) {
        if (protocol == null || protocol.number().isEmpty()) {
            return null;
        }
        return protocol.number().getAsInt();
    }

    /** Felix renders an ICMP match only when a type is set: {@code icmp: {}} matches any packet. */
    private static boolean restricts(IcmpFields icmp) {
        return icmp != null && icmp.type() != null;
    }

    private static boolean icmpMatches(IcmpFields icmp, Packet p) {
        if (p.icmpType() == null) {
            return false;
        }
        return icmp.type().equals(p.icmpType()) && (icmp.code() == null || icmp.code().equals(p.icmpCode()));
    }

    private boolean entityMatches(EntityRule e, Integer ruleProtocol, IpAddress ip, Integer port, int protocol,
                                  String where) {
        if (!e.nets().isEmpty() && e.nets().stream().noneMatch(n -> cidr(n, where).contains(ip))) {
            return false;
        }
        if (e.notNets().stream().anyMatch(n -> cidr(n, where).contains(ip))) {
            return false;
        }
        Predicate<Map<String, String>> selects = positiveSelector(e, where);
        if (selects != null && !peers.contains(selects, ip)) {
            return false;
        }
        Selector negative = PeerSelectors.negative(e, where);
        if (negative != null && peers.contains(negative::matches, ip)) {
            return false;
        }
        Predicate<Map<String, String>> portOwners = selects == null ? labels -> true : selects;
        if (!e.ports().isEmpty() && !portIn(e.ports(), portOwners, ruleProtocol, ip, port, protocol)) {
            return false;
        }
        return e.notPorts().isEmpty() || (port != null && !portIn(e.notPorts(), portOwners, ruleProtocol, ip, port,
                protocol));
    }

    private boolean portIn(List<Port> ports, Predicate<Map<String, String>> owners, Integer ruleProtocol,
                           IpAddress ip, Integer port, int protocol) {
        if (port == null) {
            return false;
        }
        return ports.stream().anyMatch(p -> p.isNamed()
                ? peers.namedPortContains(owners, p.name(), ruleProtocol, ip, protocol, port)
                : p.contains(port));
    }

    /** The label test behind the side's selector IP set, or null when the side has none. */
    private static Predicate<Map<String, String>> positiveSelector(EntityRule e, String where) {
        if (e.services() != null) {
            // A Kubernetes service match selects service endpoints, never a host endpoint or network set.
            return labels -> false;
        }
        Selector selector = PeerSelectors.positive(e, where);
        return selector == null ? null : selector::matches;
    }

    private static Cidr cidr(String text, String where) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalArgumentException(where + ": \"" + text
                + "\" is not a CIDR or IP address"));
    }
}
