package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Calico's rule validation (spec §2): protocol, ports, ICMP, CIDRs, selectors, HTTP and services. */
final class RuleChecks {

    static final int MAX_RULES = 1024;
    static final int MAX_NETS = 256;
    static final int MAX_PORTS = 50;

    private RuleChecks() {
    }

    /** A rule list ({@code spec.ingress} or {@code spec.egress}) of a policy or profile. */
    static void rules(String path, List<Rule> rules, RuleContext context, Problems problems) {
        problems.limit(path, rules.size(), MAX_RULES, "rules");
        for (int i = 0; i < rules.size(); i++) {
            rule(Problems.index(path, i), rules.get(i), context, problems);
        }
    }

    static void rule(String path, Rule rule, RuleContext context, Problems problems) {
        if (rule == null) {
            problems.add(path, "a rule must not be null");
            return;
        }
        if (rule.action() == null) {
            problems.add(path + ".action", "action must be specified (one of Allow, Deny, Log, Pass)");
        }
        if (rule.ipVersion() != null && rule.ipVersion() != 4 && rule.ipVersion() != 6) {
            problems.add(path + ".ipVersion", "ipVersion must be 4 or 6");
        }
        protocol(path + ".protocol", rule.protocol(), problems);
        protocol(path + ".notProtocol", rule.notProtocol(), problems);
        icmp(path, rule, problems);
        ports(path, rule, problems);
        http(path, rule, context, problems);
        entity(path + ".source", rule.source(), context, problems);
        entity(path + ".destination", rule.destination(), context, problems);
        services(path, rule, context, problems);
        cidrFamilies(path, rule, problems);
    }

    private static void protocol(String path, Protocol protocol, Problems problems) {
        if (protocol == null) {
            return;
        }
        if (!protocol.isKnownName()) {
            problems.add(path, "protocol name invalid");
        } else if (protocol.literalNumber() != null
                && (protocol.literalNumber() < 1 || protocol.literalNumber() > 255)) {
            problems.add(path, "protocol number invalid");
        }
    }

    private static void icmp(String path, Rule rule, Problems problems) {
        Protocol p = rule.protocol();
        boolean icmpProtocol = p != null && (p.isIcmp() || p.isIcmpV6());
        icmpFields(path + ".icmp", rule.icmp(), icmpProtocol, problems);
        icmpFields(path + ".notICMP", rule.notICMP(), icmpProtocol, problems);
        if (rule.ipVersion() != null) {
            if (rule.ipVersion() == 6 && (isIcmp(rule.protocol()) || isIcmp(rule.notProtocol()))) {
                problems.add(path + ".ipVersion", "protocol ICMP requires ipVersion 4");
            }
            if (rule.ipVersion() == 4 && (isIcmpV6(rule.protocol()) || isIcmpV6(rule.notProtocol()))) {
                problems.add(path + ".ipVersion", "protocol ICMPv6 requires ipVersion 6");
            }
        }
    }

    private static boolean isIcmp(Protocol p) {
        return p != null && p.isIcmp();
    }

    private static boolean isIcmpV6(Protocol p) {
        return p != null && p.isIcmpV6();
    }

    private static void icmpFields(String path, IcmpFields fields, boolean icmpProtocol, Problems problems) {
        if (fields == null) {
            return;
        }
        if (!icmpProtocol) {
            problems.add(path, "ICMP fields require protocol to be ICMP or ICMPv6");
        }
        if (fields.type() != null && (fields.type() < 0 || fields.type() > 254)) {
            problems.add(path + ".type", "ICMP type must be between 0 and 254");
        }
        if (fields.code() != null) {
            if (fields.type() == null) {
                problems.add(path + ".code", "ICMP code specified without an ICMP type");
            }
            if (fields.code() < 0 || fields.code() > 255) {
                problems.add(path + ".code", "ICMP code must be between 0 and 255");
            }
        }
    }

    /** Numeric ports need a protocol that has ports; named ports alone may leave the protocol open. */
    private static void ports(String path, Rule rule, Problems problems) {
        portList(path + ".source.ports", rule.source().ports(), rule.protocol(), problems);
        portList(path + ".source.notPorts", rule.source().notPorts(), rule.protocol(), problems);
        portList(path + ".destination.ports", rule.destination().ports(), rule.protocol(), problems);
        portList(path + ".destination.notPorts", rule.destination().notPorts(), rule.protocol(), problems);
    }

    private static void portList(String path, List<Port> ports, Protocol protocol, Problems problems) {
        if (ports.isEmpty()) {
            return;
        }
        problems.limit(path, ports.size(), MAX_PORTS, "ports");
        if (protocol == null) {
            if (ports.stream().anyMatch(p -> p != null && !p.isNamed())) {
                problems.add(path, "rules with numeric port or port range must set protocol to TCP or UDP or SCTP");
            }
        } else if (!protocol.supportsPorts()) {
            problems.add(path, "rules that specify ports must set protocol to TCP or UDP or SCTP");
        }
        for (int i = 0; i < ports.size(); i++) {
            PortChecks.check(Problems.index(path, i), ports.get(i), problems);
        }
    }

    private static void http(String path, Rule rule, RuleContext context, Problems problems) {
        if (rule.http() == null) {
            return;
        }
        String at = path + ".http";
        if (rule.action() != null && rule.action() != Action.Allow) {
            problems.add(at, "HTTP match is only valid on Allow rules");
        }
        if (rule.protocol() != null && rule.protocol().number().orElse(-1) != 6) {
            problems.add(at, "rules with HTTP match must have protocol TCP or unset");
        }
        if (context.egress()) {
            problems.add(at, "not allowed in egress rules");
        }
    }

    private static void entity(String path, EntityRule entity, RuleContext context, Problems problems) {
        nets(path + ".nets", entity.nets(), false, problems);
        nets(path + ".notNets", entity.notNets(), true, problems);
        SelectorChecks.withoutGlobal(path + ".selector", entity.selector(), problems);
        SelectorChecks.syntax(path + ".notSelector", entity.notSelector(), problems);
        SelectorChecks.namespaceSelector(path + ".namespaceSelector", entity.namespaceSelector(), problems);
        if (entity.serviceAccounts() != null) {
            SelectorChecks.syntax(path + ".serviceAccounts.selector", entity.serviceAccounts().selector(), problems);
        }
    }

    private static void nets(String path, List<String> nets, boolean negated, Problems problems) {
        problems.limit(path, nets.size(), MAX_NETS, "nets");
        for (int i = 0; i < nets.size(); i++) {
            String net = nets.get(i);
            Optional<Cidr> cidr = Cidr.parse(net);
            if (cidr.isEmpty()) {
                problems.add(Problems.index(path, i), "invalid CIDR");
            } else if (negated && cidr.get().prefix() == 0) {
                problems.add(Problems.index(path, i),
                        "catch-all CIDR in negation creates logical contradiction (matches no traffic)");
            }
        }
    }

    /** A service match stands alone: it replaces every other way of naming the peer. */
    private static void services(String path, Rule rule, RuleContext context, Problems problems) {
        side(path + ".source", rule.source(), context.egress(), "not allowed in egress rule source",
                context, problems);
        side(path + ".destination", rule.destination(), !context.egress(), "not allowed in ingress rule destination",
                context, problems);
    }

    private static void side(String path, EntityRule entity, boolean forbiddenHere, String forbiddenReason,
                             RuleContext context, Problems problems) {
        EntityRule.ServiceMatch services = entity.services();
        if (services == null) {
            return;
        }
        String at = path + ".services";
        if (forbiddenHere) {
            problems.add(at, forbiddenReason);
        }
        if (!entity.ports().isEmpty() || !entity.notPorts().isEmpty()) {
            problems.add(at, "ports and notPorts cannot be specified with services");
        }
        peerField(at, "selector", !entity.selector().isEmpty(), problems);
        peerField(at, "notSelector", !entity.notSelector().isEmpty(), problems);
        peerField(at, "namespaceSelector", !entity.namespaceSelector().isEmpty(), problems);
        peerField(at, "nets", !entity.nets().isEmpty(), problems);
        peerField(at, "notNets", !entity.notNets().isEmpty(), problems);
        peerField(at, "serviceAccounts", entity.serviceAccounts() != null, problems);
        if (services.name() == null || services.name().isEmpty()) {
            problems.add(at + ".name", "name must be specified");
        }
        if (context.clusterScoped() && (services.namespace() == null || services.namespace().isEmpty())) {
            problems.add(at + ".namespace", "must specify a namespace");
        }
    }

    private static void peerField(String path, String field, boolean present, Problems problems) {
        if (present) {
            problems.add(path, "cannot specify " + field + " and services on the same rule");
        }
    }

    /** Every CIDR of a rule, both sides, must be of one IP version, and of the rule's ipVersion if set. */
    private static void cidrFamilies(String path, Rule rule, Problems problems) {
        TreeSet<Integer> versions = new TreeSet<>();
        for (EntityRule side : List.of(rule.source(), rule.destination())) {
            for (List<String> nets : List.of(side.nets(), side.notNets())) {
                for (String net : nets) {
                    Cidr.parse(net).ifPresent(c -> versions.add(c.family().version()));
                }
            }
        }
        if (versions.size() > 1) {
            problems.add(path, "rule contains both IPv4 and IPv6 CIDRs");
        } else if (rule.ipVersion() != null && !versions.isEmpty() && !versions.contains(rule.ipVersion())) {
            problems.add(path, "rule IP version doesn't match CIDR version");
        }
    }
}
