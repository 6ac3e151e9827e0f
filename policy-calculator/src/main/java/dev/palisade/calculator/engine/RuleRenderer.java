package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.IcmpMatch;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.Selectors;

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

    static final String NAMESPACE_LABEL = "projectcalico.org/namespace";
    static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";

    private final Map<String, IpSetDef> sets;

    RuleRenderer(Map<String, IpSetDef> sets) {
        this.sets = sets;
    }

    List<RuleEntry> render(List<Rule> rules) {
        List<RuleEntry> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            if (rule.source().services() != null || rule.destination().services() != null) {
                continue;
            }
            Integer protocol = number(rule.protocol());
            out.add(new RuleEntry(rule.action(), rule.ipVersion(), protocol, number(rule.notProtocol()),
                    icmp(rule.icmp()), icmp(rule.notICMP()), peer(rule.source(), protocol),
                    peer(rule.destination(), protocol)));
        }
        return out;
    }

    private PeerMatch peer(EntityRule e, Integer protocol) {
        if (e.equals(EntityRule.ANY)) {
            return PeerMatch.ANY;
        }
        Selector positive = positiveSelector(e);
        List<String> ipSets = positive == null ? List.of() : List.of(use(IpSetDef.addresses(positive)));
        List<String> notIpSets = e.notSelector().isBlank() ? List.of()
                : List.of(use(IpSetDef.addresses(Selectors.parse(e.notSelector()))));
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

    /**
     * The selector the peer's address must match, with namespace and service-account restrictions folded in
     * the way Calico rewrites them (spec §4.10); null when the peer has none.
     */
    static Selector positiveSelector(EntityRule e) {
        List<String> parts = new ArrayList<>();
        String ns = e.namespaceSelector().trim();
        if (ns.equals("global()")) {
            parts.add("!has(" + NAMESPACE_LABEL + ")");
        } else if (!ns.isEmpty()) {
            parts.add(prefixed(Selectors.parse(ns), "pcns.", NAMESPACE_LABEL).canonical());
        }
        if (e.serviceAccounts() != null) {
            if (!e.serviceAccounts().names().isEmpty()) {
                parts.add(new Selector.In(SERVICE_ACCOUNT_LABEL, e.serviceAccounts().names()).canonical());
            }
            if (!e.serviceAccounts().selector().isBlank()) {
                parts.add(prefixed(Selectors.parse(e.serviceAccounts().selector()), "pcsa.", SERVICE_ACCOUNT_LABEL)
                        .canonical());
            }
        }
        if (!e.selector().isBlank()) {
            parts.add(e.selector());
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return Selectors.parse(parts.getFirst());
        }
        return Selectors.parse("(" + String.join(") && (", parts) + ")");
    }

    /** The selector over prefixed label names; {@code all()} becomes "has the scope label". */
    static Selector prefixed(Selector s, String prefix, String scopeLabel) {
        return switch (s) {
            case Selector.All a -> new Selector.Has(scopeLabel);
            case Selector.Global g -> new Selector.Not(new Selector.Has(scopeLabel));
            case Selector.Has h -> new Selector.Has(prefix + h.label());
            case Selector.Equals x -> new Selector.Equals(prefix + x.label(), x.value());
            case Selector.NotEquals x -> new Selector.NotEquals(prefix + x.label(), x.value());
            case Selector.Contains x -> new Selector.Contains(prefix + x.label(), x.value());
            case Selector.StartsWith x -> new Selector.StartsWith(prefix + x.label(), x.value());
            case Selector.EndsWith x -> new Selector.EndsWith(prefix + x.label(), x.value());
            case Selector.In x -> new Selector.In(prefix + x.label(), x.values());
            case Selector.NotIn x -> new Selector.NotIn(prefix + x.label(), x.values());
            case Selector.Not x -> new Selector.Not(prefixed(x.operand(), prefix, scopeLabel));
            case Selector.And x -> new Selector.And(x.operands().stream().map(o -> prefixed(o, prefix, scopeLabel)).toList());
            case Selector.Or x -> new Selector.Or(x.operands().stream().map(o -> prefixed(o, prefix, scopeLabel)).toList());
        };
    }

    static List<String> cidrs(Collection<String> nets) {
        List<String> out = new ArrayList<>(nets.size());
        for (String n : nets) {
            out.add(Cidrs.normalize(n));
        }
        return out;
    }

    private static Integer number(Protocol p) {
        return p == null || p.number().isEmpty() ? null : p.number().getAsInt();
    }

    private static IcmpMatch icmp(IcmpFields f) {
        return f == null || f.type() == null ? null : new IcmpMatch(f.type(), f.code());
    }
}
