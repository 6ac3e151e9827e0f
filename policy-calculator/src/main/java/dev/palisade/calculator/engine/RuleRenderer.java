package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.IcmpMatch;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.Selectors;
import dev.palisade.model.semantics.PeerSelectors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns Calico rules into the dataplane's neutral form (spec §4.10): selectors become IP-set references,
 * protocol names numbers, named ports named-port-set references. Collects the IP sets it references.
 * A rule with a {@code services} match is left out: it matches Kubernetes service endpoints, never a host
 * endpoint or network set, so it can never match and leaving it out changes no verdict.
 */
final class RuleRenderer {

    private final Map<String, IpSetDef> sets;

    RuleRenderer(Map<String, IpSetDef> sets) {
        this.sets = sets;
    }

    /** {@code where} names the rule list in errors, e.g. {@code GlobalNetworkPolicy x spec.ingress}. */
    List<RuleEntry> render(List<Rule> rules, String where) {
        List<RuleEntry> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.source().services() != null || rule.destination().services() != null) {
                continue;
            }
            Integer protocol = number(rule.protocol());
            out.add(new RuleEntry(rule.action(), rule.ipVersion(), protocol, number(rule.notProtocol()),
                    icmp(rule.icmp()), icmp(rule.notICMP()), peer(rule.source(), protocol, where + "[" + i + "].source"),
                    peer(rule.destination(), protocol, where + "[" + i + "].destination")));
        }
        return out;
    }

    private PeerMatch peer(EntityRule e, Integer protocol, String where) {
        if (e.equals(EntityRule.ANY)) {
            return PeerMatch.ANY;
        }
        Selector positive = PeerSelectors.positive(e, where);
        Selector negative = PeerSelectors.negative(e, where);
        List<String> ipSets = positive == null ? List.of() : List.of(use(IpSetDef.addresses(positive)));
        List<String> notIpSets = negative == null ? List.of() : List.of(use(IpSetDef.addresses(negative)));
        Selector portSelector = positive == null ? Selectors.ALL : positive;
        List<PortRange> ports = new ArrayList<>();
        List<String> namedPorts = new ArrayList<>();
        split(e.ports(), portSelector, protocol, ports, namedPorts);
        List<PortRange> notPorts = new ArrayList<>();
        List<String> notNamedPorts = new ArrayList<>();
        split(e.notPorts(), portSelector, protocol, notPorts, notNamedPorts);
        return new PeerMatch(cidrs(e.nets()), cidrs(e.notNets()), ipSets, notIpSets, ports, namedPorts, notPorts,
                notNamedPorts);
    }

    private void split(List<Port> ports, Selector selector, Integer protocol, List<PortRange> numeric,
                       List<String> named) {
        for (Port p : ports) {
            if (p.isNamed()) {
                named.add(use(IpSetDef.namedPort(selector, protocol, p.name())));
            } else {
                numeric.add(new PortRange(p.min(), p.max()));
            }
        }
    }

    private String use(IpSetDef def) {
        sets.putIfAbsent(def.id(), def);
        return def.id();
    }

    static List<String> cidrs(Collection<String> nets) {
        List<String> out = new ArrayList<>(nets.size());
        for (String n : nets) {
            out.add(cidr(n));
        }
        return out;
    }

    /**
     * A net or address as the format spells it: the network in canonical text, a bare address as its /32 or
     * /128 ({@code 198.18.0.7/24} becomes {@code 198.18.0.0/24}, as Go's {@code ParseCIDR} reads it).
     */
    static String cidr(String net) {
        return Cidr.parse(net.trim()).orElseThrow(() -> new EngineInvariantException(
                "\"" + net + "\" passed validation but is not a CIDR or address")).masked().toString();
    }

    private static Integer number(Protocol p) {
        return p == null || p.number().isEmpty() ? null : p.number().getAsInt();
    }

    private static IcmpMatch icmp(IcmpFields f) {
        return f == null || f.type() == null ? null : new IcmpMatch(f.type(), f.code());
    }
}
