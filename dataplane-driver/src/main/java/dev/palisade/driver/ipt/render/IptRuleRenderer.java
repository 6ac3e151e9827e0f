package dev.palisade.driver.ipt.render;

import dev.palisade.driver.nft.render.IntervalCidrs;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one dataplane rule as iptables rule arguments for one address family. A rule the family cannot
 * match (an IPv6-only net in the IPv4 table) gives nothing. OR-ed matches one iptables rule cannot hold
 * (several positive nets, numeric ports or named-port sets, more than 15 multiport entries) become one rule
 * per alternative with the same action; negated nets become one {@code iprange} match each (all must hold).
 * Allow and Pass set their mark bit and the chain returns once the bit is set, as Felix renders them.
 */
final class IptRuleRenderer {

    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;
    private static final int MULTIPORT_MAX = 15;

    private final String denyTarget;

    /** {@code denyTarget}: {@code DROP} or {@code REJECT}. */
    IptRuleRenderer(String denyTarget) {
        this.denyTarget = denyTarget;
    }

    List<String> render(RuleEntry rule, int family, String logPrefix) {
        List<String> matches = matches(rule, family);
        List<String> rules = new ArrayList<>();
        String target = switch (rule.action()) {
            case Allow -> IptMarks.SET_ACCEPT;
            case Pass -> IptMarks.SET_PASS;
            case Deny -> "-j " + denyTarget;
            case Log -> "-j LOG --log-prefix \"" + logPrefix(logPrefix) + "\"";
        };
        for (String m : matches) {
            rules.add(m.isEmpty() ? target : m + " " + target);
        }
        if (!matches.isEmpty() && rule.action() == dev.palisade.model.resource.Action.Allow) {
            rules.add(IptMarks.IF_ACCEPTED + " -j RETURN");
        }
        if (!matches.isEmpty() && rule.action() == dev.palisade.model.resource.Action.Pass) {
            rules.add(IptMarks.IF_PASSED + " -j RETURN");
        }
        return rules;
    }

    private static String logPrefix(String prefix) {
        String clean = prefix.replaceAll("[^A-Za-z0-9_./:@ -]", "");
        return (clean.length() > 27 ? clean.substring(0, 27) : clean) + " ";
    }

    private static boolean inFamily(RuleEntry rule, int family) {
        if (rule.ipVersion() != null && rule.ipVersion() != family) {
            return false;
        }
        Integer proto = rule.protocol();
        if (proto != null && (proto == ICMP && family == 6 || proto == ICMPV6 && family == 4)) {
            return false;
        }
        return !lacksFamily(rule.source(), family) && !lacksFamily(rule.destination(), family);
    }

    private static boolean lacksFamily(PeerMatch p, int family) {
        return !p.nets().isEmpty() && IntervalCidrs.ofFamily(p.nets(), family).isEmpty();
    }

    private List<String> matches(RuleEntry rule, int family) {
        if (!inFamily(rule, family)) {
            return List.of();
        }
        List<String> fixed = new ArrayList<>();
        Integer proto = rule.protocol();
        if (proto == null && (rule.icmp() != null || rule.notIcmp() != null)) {
            proto = family == 4 ? ICMP : ICMPV6;
        }
        if (proto != null) {
            if (rule.notProtocol() != null && rule.notProtocol().equals(proto)) {
                return List.of();
            }
            fixed.add("-p " + proto);
        } else if (rule.notProtocol() != null) {
            fixed.add("! -p " + rule.notProtocol());
        }
        peerFixed(rule.source(), "src", family, fixed);
        peerFixed(rule.destination(), "dst", family, fixed);
        String icmpMatch = family == 4 ? "-m icmp --icmp-type " : "-m icmp6 --icmpv6-type ";
        String notIcmpMatch = family == 4 ? "-m icmp ! --icmp-type " : "-m icmp6 ! --icmpv6-type ";
        if (rule.icmp() != null) {
            fixed.add(icmpMatch + icmp(rule.icmp().type(), rule.icmp().code()));
        }
        if (rule.notIcmp() != null) {
            // !(type T and code C): exactly the type-differs or code-differs alternatives
            fixed.add(notIcmpMatch + icmp(rule.notIcmp().type(), rule.notIcmp().code()));
        }
        List<List<String>> alternatives = List.of(
                netAlternatives(rule.source(), "-s", family), netAlternatives(rule.destination(), "-d", family),
                portAlternatives(rule.source(), "src", family), portAlternatives(rule.destination(), "dst", family));
        List<String> result = List.of(String.join(" ", fixed));
        for (List<String> alt : alternatives) {
            List<String> next = new ArrayList<>();
            for (String prefix : result) {
                for (String a : alt) {
                    next.add(a.isEmpty() ? prefix : prefix.isEmpty() ? a : prefix + " " + a);
                }
            }
            result = next;
        }
        return result;
    }

    private static String icmp(int type, Integer code) {
        return code == null ? Integer.toString(type) : type + "/" + code;
    }

    private static void peerFixed(PeerMatch p, String dir, int family, List<String> out) {
        for (String net : IntervalCidrs.normalize(p.notNets(), family)) {
            out.add("-m iprange ! --" + dir + "-range " + range(net));
        }
        for (String set : p.ipSets()) {
            out.add("-m set --match-set " + IptNames.ipSet(set, family) + " " + dir);
        }
        for (String set : p.notIpSets()) {
            out.add("-m set ! --match-set " + IptNames.ipSet(set, family) + " " + dir);
        }
        for (List<PortRange> chunk : chunks(p.notPorts())) {
            out.add("-m multiport ! --" + (dir.equals("src") ? "sports " : "dports ") + ports(chunk));
        }
        for (String set : p.notNamedPortSets()) {
            out.add("-m set ! --match-set " + IptNames.portSet(set, family) + " " + dir + "," + dir);
        }
    }

    /** Positive nets are OR-ed: one alternative each; a single empty one when the peer has none. */
    private static List<String> netAlternatives(PeerMatch p, String flag, int family) {
        if (p.nets().isEmpty()) {
            return List.of("");
        }
        return IntervalCidrs.normalize(p.nets(), family).stream().map(n -> flag + " " + n).toList();
    }

    /** Numeric ports OR named-port sets: one alternative each; a single empty one when the peer has neither. */
    private static List<String> portAlternatives(PeerMatch p, String dir, int family) {
        if (!p.hasPortMatch()) {
            return List.of("");
        }
        List<String> alt = new ArrayList<>();
        for (List<PortRange> chunk : chunks(p.ports())) {
            alt.add("-m multiport --" + (dir.equals("src") ? "sports " : "dports ") + ports(chunk));
        }
        for (String set : p.namedPortSets()) {
            alt.add("-m set --match-set " + IptNames.portSet(set, family) + " " + dir + "," + dir);
        }
        return alt;
    }

    /** multiport takes 15 entries, a range counting two. */
    private static List<List<PortRange>> chunks(List<PortRange> ranges) {
        List<List<PortRange>> chunks = new ArrayList<>();
        List<PortRange> current = new ArrayList<>();
        int used = 0;
        for (PortRange r : ranges) {
            int cost = r.min() == r.max() ? 1 : 2;
            if (used + cost > MULTIPORT_MAX) {
                chunks.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(r);
            used += cost;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static String ports(List<PortRange> ranges) {
        return String.join(",", ranges.stream()
                .map(r -> r.min() == r.max() ? Integer.toString(r.min()) : r.min() + ":" + r.max()).toList());
    }

    /** A CIDR as {@code iprange} spells it: first-last address. */
    private static String range(String cidr) {
        Cidr c = Cidr.parse(cidr).orElseThrow().masked();
        int hostBits = c.family().bits() - c.prefix();
        BigInteger last = c.address().value().or(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));
        return c.address() + "-" + new IpAddress(c.family(), last);
    }
}
