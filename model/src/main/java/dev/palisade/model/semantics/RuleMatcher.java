package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Does a rule match a packet (spec §1.7, §4.10)? Every field present must hold; entries of one list are
 * alternatives, except {@code notNets} which must all miss. A port condition never holds for a packet
 * without that port.
 */
final class RuleMatcher {

    /**
     * A rule side with its text parsed once: the nets and selectors of every rule are read for every packet,
     * and the lockout guard sends thousands of packets through the same rules.
     */
    private record Side(List<Cidr> nets, List<Cidr> notNets, Predicate<Map<String, String>> selects,
                        Selector negative) {
    }

    private final PeerSets peers;
    private final Map<EntityRule, Side> sides = Collections.synchronizedMap(new IdentityHashMap<>());

    RuleMatcher(World world) {
        this.peers = new PeerSets(world);
    }

    /** {@code where} names the rule for error messages, e.g. {@code GlobalNetworkPolicy x spec.ingress[2]}. */
    boolean matches(Rule rule, Packet p, Supplier<String> where) {
        Integer protocol = protocolNumber(rule.protocol());
        return (rule.ipVersion() == null || rule.ipVersion() == p.ipVersion())
                && (rule.protocol() == null || (protocol != null && protocol == p.protocol()))
                && (rule.notProtocol() == null || !Integer.valueOf(p.protocol()).equals(protocolNumber(rule.notProtocol())))
                && (!restricts(rule.icmp()) || icmpMatches(rule.icmp(), p))
                && (!restricts(rule.notICMP()) || !icmpMatches(rule.notICMP(), p))
                && entityMatches(rule.source(), protocol, p.src(), p.srcPort(), p.protocol(),
                () -> where.get() + ".source")
                && entityMatches(rule.destination(), protocol, p.dst(), p.dstPort(), p.protocol(),
                () -> where.get() + ".destination");
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
                                  Supplier<String> where) {
        Side side = side(e, where);
        if (!side.nets().isEmpty() && side.nets().stream().noneMatch(n -> n.contains(ip))) {
            return false;
        }
        if (side.notNets().stream().anyMatch(n -> n.contains(ip))) {
            return false;
        }
        Predicate<Map<String, String>> selects = side.selects();
        if (selects != null && !peers.contains(selects, ip)) {
            return false;
        }
        Selector negative = side.negative();
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

    private Side side(EntityRule e, Supplier<String> where) {
        Side known = sides.get(e);
        if (known != null) {
            return known;
        }
        String w = where.get();
        Side side = new Side(e.nets().stream().map(n -> cidr(n, w)).toList(),
                e.notNets().stream().map(n -> cidr(n, w)).toList(), positiveSelector(e, w), PeerSelectors.negative(e, w));
        sides.put(e, side);
        return side;
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
