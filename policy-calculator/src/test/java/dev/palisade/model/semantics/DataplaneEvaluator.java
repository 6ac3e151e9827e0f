package dev.palisade.model.semantics;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.Direction;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.EndOfTier;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.InterfaceGovernance;
import dev.palisade.model.dataplane.InterfaceMatching;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.IcmpMatch;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.semantics.Verdict.Outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a packet from one node's published desired state ({@code docs/dataplane-format.md}) plus the node's
 * live interfaces, as a driver's rendered ruleset would: interface governance (spec §4.1) from the endpoints'
 * {@code interfaceName}/{@code expectedIPs} and the interfaces' addresses, then the hooks of §4.6 over the
 * calculator's ready-made policy lists, rules and IP sets. It reads no resources: comparing it with
 * {@link Simulator}, which reads only resources, is the policy calculator's differential test. Failsafe
 * matching is {@link Failsafes}', on the configuration read back into {@link FelixSettings}; the interface
 * tests are {@link InterfaceMatching}'s, which the driver uses too.
 *
 * <p>Test code: it lives beside the one test that uses it rather than in {@code model}'s main sources.
 */
public final class DataplaneEvaluator {

    private enum Result { CONTINUE, ALLOW, DENY }

    private record PortMember(IpAddress ip, int protocol, int port) {
    }

    private final List<EndpointEntry> endpoints = new ArrayList<>();
    private final InterfaceGovernance<EndpointEntry> governance;
    private final Map<String, PolicyEntry> policies = new HashMap<>();
    private final Map<String, ProfileEntry> profiles = new HashMap<>();
    private final Map<String, List<Cidr>> ipSets = new HashMap<>();
    private final Map<String, Set<PortMember>> portSets = new HashMap<>();
    private final Map<String, List<IpAddress>> interfaces;
    private FelixSettings felix = FelixSettings.builtIn();

    /**
     * @param state      every entry the node holds (as of a barrier)
     * @param interfaces the node's interfaces and the addresses configured on each; an interface a packet
     *                   names that is not listed exists without addresses
     */
    public DataplaneEvaluator(Collection<? extends DataplaneEntry> state, Map<String, List<IpAddress>> interfaces) {
        this.interfaces = Map.copyOf(interfaces);
        for (DataplaneEntry e : state) {
            switch (e) {
                case EndpointEntry ep -> endpoints.add(ep);
                case PolicyEntry p -> policies.put(p.id(), p);
                case ProfileEntry p -> profiles.put(p.id(), p);
                case IpSetEntry s -> ipSets.put(s.id(), s.members().stream().map(m -> Cidr.parse(m).orElseThrow(
                        () -> new IllegalArgumentException("ipset " + s.id() + ": member \"" + m + "\" is not a CIDR")))
                        .toList());
                case NamedPortSetEntry s -> {
                    Set<PortMember> members = new HashSet<>();
                    for (NamedPortSetEntry.Member m : s.members()) {
                        members.add(new PortMember(IpAddress.parse(m.ip()).orElseThrow(() -> new IllegalArgumentException(
                                "portset " + s.id() + ": member ip \"" + m.ip() + "\" is not an address")),
                                m.protocol(), m.port()));
                    }
                    portSets.put(s.id(), members);
                }
                case NodeConfigEntry c -> felix = FelixSettings.of(c);
                default -> {
                }
            }
        }
        governance = new InterfaceGovernance<>(endpoints, EndpointEntry::name, EndpointEntry::interfaceName,
                EndpointEntry::expectedIPs);
    }

    public Outcome evaluate(Packet packet) {
        return new Walk(packet).run() == Result.DENY ? Outcome.DENY : Outcome.ALLOW;
    }

    /** One packet through the hooks; {@code accepted} remembers an untracked or pre-DNAT accept. */
    private final class Walk {
        private final Packet original;
        private boolean accepted;

        Walk(Packet original) {
            this.original = original;
        }

        Result run() {
            Result first = original.fromHost()
                    ? untracked(original.out(), Direction.EGRESS)
                    : untracked(original.in(), Direction.INGRESS);
            if (first == Result.DENY || !original.fromHost() && preDnat() == Result.DENY) {
                return Result.DENY;
            }
            Packet p = original.afterDnat();
            if (p.toHost()) {
                return isWorkload(p.in()) ? endpointToHost(p) : normal(p, p.in(), Direction.INGRESS);
            }
            if (p.fromHost()) {
                return isWorkload(p.out()) ? Result.CONTINUE : normal(p, p.out(), Direction.EGRESS);
            }
            if (!accepted && forward(p, p.in(), Direction.INGRESS) == Result.DENY) {
                return Result.DENY;
            }
            return forward(p, p.out(), Direction.EGRESS);
        }

        /** raw: named endpoints only, no conntrack; a failsafe lets the packet on to conntracked processing. */
        private Result untracked(String iface, Direction d) {
            Optional<EndpointEntry> ep = named(iface);
            if (ep.isEmpty() || ep.get().untracked().direction(d).isEmpty()) {
                return Result.CONTINUE;
            }
            if (Failsafes.match(felix, type(d), original, true).isPresent()) {
                return Result.CONTINUE;
            }
            return acceptIfAllowed(tiers(ep.get().untracked().direction(d), d, original));
        }

        private Result preDnat() {
            if (accepted || original.ct() == Packet.ConnState.ESTABLISHED) {
                return Result.CONTINUE;
            }
            Optional<EndpointEntry> ep = named(original.in()).or(this::wildcard);
            if (ep.isEmpty() || ep.get().preDnat().ingress().isEmpty()) {
                return Result.CONTINUE;
            }
            if (invalid(original)) {
                return Result.DENY;
            }
            if (Failsafes.match(felix, PolicyType.Ingress, original, false).isPresent()) {
                return Result.CONTINUE;
            }
            return acceptIfAllowed(tiers(ep.get().preDnat().ingress(), Direction.INGRESS, original));
        }

        private Result normal(Packet p, String iface, Direction d) {
            if (accepted) {
                return Result.CONTINUE;
            }
            Optional<EndpointEntry> ep = isWorkload(iface) ? Optional.empty() : named(iface).or(this::wildcard);
            if (ep.isEmpty()) {
                return Result.CONTINUE;
            }
            Optional<Result> ct = conntrack(p);
            if (ct.isPresent()) {
                return ct.get();
            }
            if (Failsafes.match(felix, type(d), p, false).isPresent()) {
                return Result.ALLOW;
            }
            Result tiers = tiers(ep.get().normal().direction(d), d, p);
            return tiers != Result.CONTINUE ? tiers : profiles(ep.get(), d, p);
        }

        private Result forward(Packet p, String iface, Direction d) {
            Optional<EndpointEntry> ep = named(iface).or(this::wildcard);
            if (ep.isEmpty()) {
                return Result.CONTINUE;
            }
            Optional<Result> ct = conntrack(p);
            if (ct.isPresent()) {
                return ct.get();
            }
            EndpointEntry.PolicyLists lists = ep.get().forward();
            if (!lists.direction(d).isEmpty()) {
                return tiers(lists.direction(d), d, p);
            }
            Direction other = d == Direction.INGRESS ? Direction.EGRESS : Direction.INGRESS;
            return lists.direction(other).isEmpty() ? Result.ALLOW : Result.CONTINUE;
        }

        private Result endpointToHost(Packet p) {
            Optional<Result> ct = conntrack(p);
            if (ct.isPresent()) {
                return ct.get();
            }
            return switch (felix.defaultEndpointToHostAction().toLowerCase(Locale.ROOT)) {
                case "accept" -> Result.ALLOW;
                case "return" -> Result.CONTINUE;
                default -> Result.DENY;
            };
        }

        private Optional<Result> conntrack(Packet p) {
            if (p.ct() == Packet.ConnState.ESTABLISHED) {
                return Optional.of(Result.ALLOW);
            }
            return invalid(p) ? Optional.of(Result.DENY) : Optional.empty();
        }

        private boolean invalid(Packet p) {
            return p.ct() == Packet.ConnState.INVALID && !felix.disableConntrackInvalidCheck();
        }

        private Result acceptIfAllowed(Result r) {
            accepted |= r == Result.ALLOW;
            return r;
        }

        private boolean isWorkload(String iface) {
            return !Packet.LOCAL.equals(iface) && felix.isWorkloadInterface(iface);
        }

        /** The named endpoint governing a candidate interface: by name, or by an address configured on it. */
        private Optional<EndpointEntry> named(String iface) {
            if (felix.isWorkloadInterface(iface) || felix.isExcludedInterface(iface)) {
                return Optional.empty();
            }
            return governance.named(iface, interfaces.getOrDefault(iface, List.of()));
        }

        private Optional<EndpointEntry> wildcard() {
            return governance.wildcard();
        }
    }

    private Result tiers(List<TierPolicies> tiers, Direction d, Packet p) {
        for (TierPolicies tier : tiers) {
            Action decided = null;
            for (String id : tier.policies()) {
                decided = firstDecisive(required(policies, id, "policy").rules(d), p);
                if (decided != null) {
                    break;
                }
            }
            if (decided == Action.Allow || decided == Action.Deny) {
                return decided == Action.Allow ? Result.ALLOW : Result.DENY;
            }
            if (decided == null && tier.endOfTier() == EndOfTier.Deny) {
                return Result.DENY;
            }
        }
        return Result.CONTINUE;
    }

    private Result profiles(EndpointEntry ep, Direction d, Packet p) {
        for (String name : ep.profiles()) {
            Action decided = firstDecisive(required(profiles, name, "profile").rules(d), p);
            if (decided == Action.Allow || decided == Action.Deny) {
                return decided == Action.Allow ? Result.ALLOW : Result.DENY;
            }
        }
        return Result.DENY;
    }

    private static <T> T required(Map<String, T> entries, String id, String what) {
        T e = entries.get(id);
        if (e == null) {
            throw new IllegalStateException("endpoint references " + what + " " + id + ", which the node lacks");
        }
        return e;
    }

    /** The action of the first matching rule other than Log (which never decides), or null. */
    private Action firstDecisive(List<RuleEntry> rules, Packet p) {
        for (RuleEntry r : rules) {
            if (r.action() != Action.Log && matches(r, p)) {
                return r.action();
            }
        }
        return null;
    }

    private boolean matches(RuleEntry r, Packet p) {
        return (r.ipVersion() == null || r.ipVersion() == p.ipVersion())
                && (r.protocol() == null || r.protocol() == p.protocol())
                && (r.notProtocol() == null || r.notProtocol() != p.protocol())
                && (r.icmp() == null || icmp(r.icmp(), p))
                && (r.notIcmp() == null || !icmp(r.notIcmp(), p))
                && peer(r.source(), p.src(), p.srcPort(), p.protocol())
                && peer(r.destination(), p.dst(), p.dstPort(), p.protocol());
    }

    private static boolean icmp(IcmpMatch m, Packet p) {
        return p.icmpType() != null && m.type() == p.icmpType() && (m.code() == null || m.code().equals(p.icmpCode()));
    }

    private boolean peer(PeerMatch m, IpAddress ip, Integer port, int protocol) {
        if (!m.nets().isEmpty() && m.nets().stream().noneMatch(n -> cidr(n).contains(ip))) {
            return false;
        }
        if (m.notNets().stream().anyMatch(n -> cidr(n).contains(ip))
                || !m.ipSets().stream().allMatch(id -> inSet(id, ip))
                || m.notIpSets().stream().anyMatch(id -> inSet(id, ip))) {
            return false;
        }
        if (m.hasPortMatch() && (port == null || !portIn(m.ports(), m.namedPortSets(), ip, protocol, port))) {
            return false;
        }
        boolean hasNotPorts = !m.notPorts().isEmpty() || !m.notNamedPortSets().isEmpty();
        return !hasNotPorts || port != null && !portIn(m.notPorts(), m.notNamedPortSets(), ip, protocol, port);
    }

    private boolean portIn(List<PortRange> ranges, List<String> sets, IpAddress ip, int protocol, int port) {
        PortMember member = new PortMember(ip, protocol, port);
        return ranges.stream().anyMatch(r -> r.contains(port))
                || sets.stream().anyMatch(id -> required(portSets, id, "portset").contains(member));
    }

    private boolean inSet(String id, IpAddress ip) {
        return required(ipSets, id, "ipset").stream().anyMatch(c -> c.contains(ip));
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not a CIDR"));
    }

    private static PolicyType type(Direction d) {
        return d == Direction.INGRESS ? PolicyType.Ingress : PolicyType.Egress;
    }
}
