package dev.palisade.driver.nft.render;

import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders one dataplane rule as nft rule bodies. A rule without {@code ipVersion} that matches addresses is
 * rendered once per family, keeping that family's CIDRs and sets (dropped for a family none of its positive
 * nets belongs to); OR-ed matches nft cannot put in one rule (numeric ports or named-port sets, a negated
 * ICMP type and code) become one rule per alternative, each with the same action. Every rule counts.
 */
final class NftRuleRenderer {

    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;
    private static final int ANY_FAMILY = 0;

    private final String denyVerdict;

    /** {@code denyVerdict}: {@code drop} or {@code reject}. */
    NftRuleRenderer(String denyVerdict) {
        this.denyVerdict = denyVerdict;
    }

    List<String> render(RuleEntry rule, String logPrefix) {
        String action = switch (rule.action()) {
            case Allow -> "counter " + Marks.SET_ACCEPT + " return";
            case Pass -> "counter " + Marks.SET_PASS + " return";
            case Deny -> "counter " + denyVerdict;
            case Log -> "counter log prefix \"" + logPrefix.replaceAll("[^A-Za-z0-9_./:@ -]", "") + " \"";
        };
        List<String> bodies = new ArrayList<>();
        for (int family : families(rule)) {
            for (String match : matches(rule, family)) {
                bodies.add(match.isEmpty() ? action : match + " " + action);
            }
        }
        return bodies;
    }

    private static List<Integer> families(RuleEntry rule) {
        Integer proto = rule.protocol();
        boolean familySpecific = rule.ipVersion() != null || usesAddresses(rule.source())
                || usesAddresses(rule.destination()) || rule.icmp() != null || rule.notIcmp() != null
                || (proto != null && (proto == ICMP || proto == ICMPV6));
        if (!familySpecific) {
            return List.of(ANY_FAMILY);
        }
        List<Integer> families = new ArrayList<>();
        for (int f : new int[] {4, 6}) {
            if (rule.ipVersion() != null && rule.ipVersion() != f) {
                continue;
            }
            if (proto != null && (proto == ICMP && f == 6 || proto == ICMPV6 && f == 4)) {
                continue;
            }
            if (lacksFamily(rule.source(), f) || lacksFamily(rule.destination(), f)) {
                continue;
            }
            families.add(f);
        }
        return families;
    }

    private static boolean usesAddresses(PeerMatch p) {
        return !p.nets().isEmpty() || !p.notNets().isEmpty() || !p.ipSets().isEmpty() || !p.notIpSets().isEmpty()
                || !p.namedPortSets().isEmpty() || !p.notNamedPortSets().isEmpty();
    }

    private static boolean lacksFamily(PeerMatch p, int family) {
        return !p.nets().isEmpty() && IntervalCidrs.ofFamily(p.nets(), family).isEmpty();
    }

    private List<String> matches(RuleEntry rule, int family) {
        List<String> fixed = new ArrayList<>();
        if (family != ANY_FAMILY) {
            fixed.add("meta nfproto " + (family == 4 ? "ipv4" : "ipv6"));
        }
        if (rule.protocol() != null) {
            fixed.add("meta l4proto " + rule.protocol());
        }
        if (rule.notProtocol() != null) {
            fixed.add("meta l4proto != " + rule.notProtocol());
        }
        peerFixed(rule.source(), "saddr", "sport", family, fixed);
        peerFixed(rule.destination(), "daddr", "dport", family, fixed);
        String icmp = family == 6 ? "icmpv6" : "icmp";
        if (rule.icmp() != null) {
            fixed.add(icmp + " type " + rule.icmp().type()
                    + (rule.icmp().code() == null ? "" : " " + icmp + " code " + rule.icmp().code()));
        }
        List<List<String>> alternatives = new ArrayList<>();
        alternatives.add(portAlternatives(rule.source(), "saddr", "sport", family));
        alternatives.add(portAlternatives(rule.destination(), "daddr", "dport", family));
        if (rule.notIcmp() != null) {
            List<String> alt = new ArrayList<>(List.of(icmp + " type != " + rule.notIcmp().type()));
            if (rule.notIcmp().code() != null) {
                alt.add(icmp + " type " + rule.notIcmp().type() + " " + icmp + " code != " + rule.notIcmp().code());
            }
            alternatives.add(alt);
        }
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

    private static void peerFixed(PeerMatch p, String addr, String port, int family, List<String> out) {
        String ip = family == 6 ? "ip6" : "ip";
        List<String> nets = IntervalCidrs.normalize(p.nets(), family == ANY_FAMILY ? 4 : family);
        if (!p.nets().isEmpty()) {
            out.add(ip + " " + addr + " { " + String.join(", ", nets) + " }");
        }
        List<String> notNets = family == ANY_FAMILY ? List.of() : IntervalCidrs.normalize(p.notNets(), family);
        if (!notNets.isEmpty()) {
            out.add(ip + " " + addr + " != { " + String.join(", ", notNets) + " }");
        }
        for (String set : p.ipSets()) {
            out.add(ip + " " + addr + " @" + NftNames.ipSet(set, family));
        }
        for (String set : p.notIpSets()) {
            out.add(ip + " " + addr + " != @" + NftNames.ipSet(set, family));
        }
        if (!p.notPorts().isEmpty()) {
            out.add("th " + port + " != { " + ranges(p.notPorts()) + " }");
        }
        for (String set : p.notNamedPortSets()) {
            out.add(ip + " " + addr + " . meta l4proto . th " + port + " != @" + NftNames.portSet(set, family));
        }
    }

    /** Numeric ports OR named-port sets: one alternative each; a single empty one when the peer has neither. */
    private static List<String> portAlternatives(PeerMatch p, String addr, String port, int family) {
        if (!p.hasPortMatch()) {
            return List.of("");
        }
        List<String> alt = new ArrayList<>();
        if (!p.ports().isEmpty()) {
            alt.add("th " + port + " { " + ranges(p.ports()) + " }");
        }
        String ip = family == 6 ? "ip6" : "ip";
        for (String set : p.namedPortSets()) {
            alt.add(ip + " " + addr + " . meta l4proto . th " + port + " @" + NftNames.portSet(set, family));
        }
        return alt;
    }

    private static String ranges(List<PortRange> ranges) {
        return ranges.stream().map(r -> r.min() == r.max() ? Integer.toString(r.min()) : r.min() + "-" + r.max())
                .collect(Collectors.joining(", "));
    }
}
