package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Does a rule match a packet (spec §1.7, §4.10)? Every field present must hold; entries of one list are
 * alternatives, except {@code notNets} which must all miss. A port condition never holds for a packet
 * without that port.
 */
final class RuleMatcher {

    private static final String NAMESPACE_LABEL = "projectcalico.org/namespace";
    private static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";

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
                && (rule.icmp() == null || icmpMatches(rule.icmp(), p))
                && (rule.notICMP() == null || !icmpMatches(rule.notICMP(), p))
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

    private static boolean icmpMatches(IcmpFields icmp, Packet p) {
        if (p.icmpType() == null || icmp.type() == null) {
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
        if (!e.notSelector().isBlank()
                && peers.contains(SelectorText.parse(e.notSelector(), where + ".notSelector")::matches, ip)) {
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

    /**
     * The label test behind the rule's selector IP set, or null when the side has none. Felix AND-s the
     * namespace and service-account parts into the selector; host endpoints and network sets are not
     * namespaced, so only {@code global()} (or a selector satisfied without namespace labels) can reach them.
     */
    private static Predicate<Map<String, String>> positiveSelector(EntityRule e, String where) {
        // An empty serviceAccounts match ({}) adds nothing to the selector, so on its own it makes no IP set
        boolean serviceAccounts = e.serviceAccounts() != null
                && (!e.serviceAccounts().names().isEmpty() || !e.serviceAccounts().selector().isBlank());
        boolean any = !e.selector().isBlank() || !e.namespaceSelector().isBlank() || serviceAccounts
                || e.services() != null;
        if (!any) {
            return null;
        }
        if (e.services() != null) {
            return labels -> false;
        }
        Selector selector = SelectorText.parse(e.selector(), where + ".selector");
        Predicate<Map<String, String>> test = selector::matches;
        if (!e.namespaceSelector().isBlank()) {
            test = test.and(namespaceTest(SelectorText.parse(e.namespaceSelector(), where + ".namespaceSelector")));
        }
        if (serviceAccounts) {
            Set<String> names = Set.copyOf(e.serviceAccounts().names());
            Selector sa = SelectorText.parse(e.serviceAccounts().selector(), where + ".serviceAccounts.selector");
            // Set.copyOf refuses contains(null), and host endpoints and network sets have no service account
            test = test.and(labels -> (names.isEmpty() || labels.containsKey(SERVICE_ACCOUNT_LABEL)
                    && names.contains(labels.get(SERVICE_ACCOUNT_LABEL)))
                    && sa.matches(prefixed(labels, "pcsa.")));
        }
        return test;
    }

    private static Predicate<Map<String, String>> namespaceTest(Selector namespaces) {
        return switch (namespaces.canonical()) {
            case "global()" -> labels -> !labels.containsKey(NAMESPACE_LABEL);
            case "all()" -> labels -> labels.containsKey(NAMESPACE_LABEL);
            default -> labels -> namespaces.matches(prefixed(labels, "pcns."));
        };
    }

    /** The labels carrying {@code prefix}, with it removed: how a prefixed selector sees an object. */
    private static Map<String, String> prefixed(Map<String, String> labels, String prefix) {
        Map<String, String> out = new HashMap<>();
        labels.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static Cidr cidr(String text, String where) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalArgumentException(where + ": \"" + text
                + "\" is not a CIDR or IP address"));
    }
}
