package dev.palisade.driver.ipt.render;

import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.ipt.render.IptRuleset.Jump;
import dev.palisade.driver.ipt.render.IptRuleset.RuleDef;
import dev.palisade.driver.ipt.render.IptRuleset.SetDef;
import dev.palisade.driver.ipt.render.IptRuleset.TableDef;
import dev.palisade.driver.ipt.render.IptRuleset.TableKey;
import dev.palisade.driver.nft.render.IntervalCidrs;
import dev.palisade.model.dataplane.Direction;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.palisade.driver.ipt.render.IptNames.*;

/**
 * Desired state plus interface governance in, every table of both families out: the nftables backend's
 * layout (docs/dataplane-driver.md) in iptables terms, chain for chain, so both backends give the same
 * verdicts. iptables chains belong to one table, so a policy used in raw and in filter has a chain in each.
 *
 * <pre>
 * raw    PREROUTING → palisade-PREROUTING   clear marks → from-hep (-i IF -g palisade-fh-IF) → accepted? ACCEPT
 * raw    OUTPUT     → palisade-OUTPUT       clear marks → to-hep → accepted? ACCEPT
 * mangle PREROUTING → palisade-PREROUTING   established ACCEPT → accepted? ACCEPT → from-hep (preDNAT) → accepted? ACCEPT
 * mangle POSTROUTING→ palisade-POSTROUTING  accepted? RETURN → clear → DNAT'd? to-hep (normal egress) → accepted? ACCEPT
 * filter INPUT      → palisade-INPUT        accepted? ACCEPT → workload RETURN → clear → from-hep → accepted? ACCEPT
 * filter OUTPUT     → palisade-OUTPUT       accepted? ACCEPT → workload RETURN → clear → not DNAT'd? to-hep → accepted? ACCEPT
 * filter FORWARD    → palisade-FORWARD      not accepted? from-hep-fw → to-hep-fw → accepted? ACCEPT → mark accepted
 * </pre>
 */
public final class IptRenderer {

    private enum Kind {
        RAW_IN("raw", "fh", true), RAW_OUT("raw", "th", true),
        MANGLE_IN("mangle", "fh", true), MANGLE_OUT("mangle", "th", false),
        FILTER_IN("filter", "fh", false), FILTER_OUT("filter", "th", false),
        FORWARD_IN("filter", "ff", false), FORWARD_OUT("filter", "tf", false);

        final String table;
        final String chainKind;
        final boolean early;

        Kind(String table, String chainKind, boolean early) {
            this.table = table;
            this.chainKind = chainKind;
            this.early = early;
        }

        boolean ingress() {
            return this == RAW_IN || this == MANGLE_IN || this == FILTER_IN || this == FORWARD_IN;
        }

        boolean forward() {
            return this == FORWARD_IN || this == FORWARD_OUT;
        }

        boolean normal() {
            return this == FILTER_IN || this == FILTER_OUT || this == MANGLE_OUT;
        }

        boolean dropOnly() {
            return early || this == MANGLE_OUT;
        }

        boolean hasFailsafe() {
            return !forward();
        }

        String dispatch() {
            return switch (this) {
                case FORWARD_IN -> FROM_HEP_FORWARD;
                case FORWARD_OUT -> TO_HEP_FORWARD;
                default -> ingress() ? FROM_HEP : TO_HEP;
            };
        }

        List<EndpointEntry.TierPolicies> tiers(EndpointEntry e) {
            EndpointEntry.PolicyLists lists = switch (this) {
                case RAW_IN, RAW_OUT -> e.untracked();
                case MANGLE_IN -> e.preDnat();
                case FILTER_IN, FILTER_OUT, MANGLE_OUT -> e.normal();
                case FORWARD_IN, FORWARD_OUT -> e.forward();
            };
            return ingress() ? lists.ingress() : lists.egress();
        }

        boolean needed(EndpointEntry e) {
            return switch (this) {
                case FILTER_IN, FILTER_OUT, MANGLE_OUT -> true;
                case FORWARD_IN, FORWARD_OUT -> !e.forward().ingress().isEmpty() || !e.forward().egress().isEmpty();
                default -> !tiers(e).isEmpty();
            };
        }
    }

    /** A policy or profile chain of one table: the entry, the direction of its rules, whether deny drops. */
    private record ChainRef(String id, Direction direction, boolean dropOnly, boolean profile) {
    }

    /** One family's tables being built. */
    private static final class Tables {
        final Map<String, Map<String, List<String>>> chains = new LinkedHashMap<>();
        final Map<String, List<Jump>> jumps = new LinkedHashMap<>();
        final Map<String, Map<String, ChainRef>> refs = new LinkedHashMap<>();

        Tables() {
            for (String t : IptRuleset.TABLES) {
                chains.put(t, new LinkedHashMap<>());
                jumps.put(t, new ArrayList<>());
                refs.put(t, new LinkedHashMap<>());
            }
        }

        void chain(String table, String name, List<String> rules) {
            chains.get(table).put(name, rules);
        }

        void top(String table, String builtin, List<String> rules) {
            chain(table, IptNames.top(builtin), rules);
            jumps.get(table).add(new Jump(builtin, IptNames.top(builtin)));
        }
    }

    public IptRuleset render(NodeState state, InterfaceAssignment governance) {
        NodeConfigEntry cfg = state.effectiveConfig();
        Map<TableKey, TableDef> tables = new LinkedHashMap<>();
        Set<String> ipSetIds = new TreeSet<>(state.ipSets().keySet());
        Set<String> portSetIds = new TreeSet<>(state.portSets().keySet());
        for (int family : new int[] {4, 6}) {
            Tables t = new Tables();
            topChains(t, cfg);
            failsafe(t, cfg, family);
            dispatchAndEndpoints(t, cfg, governance);
            String deny = cfg.filterDenyAction() == NodeConfigEntry.DenyAction.Drop ? "DROP" : "REJECT";
            for (String table : IptRuleset.TABLES) {
                for (Map.Entry<String, ChainRef> e : t.refs.get(table).entrySet()) {
                    ChainRef ref = e.getValue();
                    IptRuleRenderer renderer = new IptRuleRenderer(ref.dropOnly() ? "DROP" : deny);
                    List<RuleEntry> rules;
                    String prefix;
                    if (ref.profile()) {
                        ProfileEntry profile = state.profiles().get(ref.id());
                        rules = profile == null ? List.of() : profile.rules(ref.direction());
                        prefix = profile == null ? "" : logPrefix(cfg, "", "profile/" + profile.name(), profile.name());
                    } else {
                        PolicyEntry policy = state.policies().get(ref.id());
                        rules = policy == null ? List.of() : policy.rules(ref.direction());
                        prefix = policy == null ? "" : logPrefix(cfg, policy.tier(), policy.id(), policy.name());
                    }
                    List<String> bodies = new ArrayList<>();
                    for (RuleEntry r : rules) {
                        bodies.addAll(renderer.render(r, family, prefix));
                        for (var peer : List.of(r.source(), r.destination())) {
                            ipSetIds.addAll(peer.ipSets());
                            ipSetIds.addAll(peer.notIpSets());
                            portSetIds.addAll(peer.namedPortSets());
                            portSetIds.addAll(peer.notNamedPortSets());
                        }
                    }
                    t.chain(table, e.getKey(), bodies);
                }
                Map<String, List<RuleDef>> defs = new LinkedHashMap<>();
                t.chains.get(table).forEach((name, bodies) -> defs.put(name, bodies.stream().map(RuleDef::of).toList()));
                tables.put(new TableKey(family, table), new TableDef(defs, t.jumps.get(table)));
            }
        }
        return new IptRuleset(tables, sets(state, ipSetIds, portSetIds));
    }

    private static String logPrefix(NodeConfigEntry cfg, String tier, String id, String name) {
        String p = cfg.logPrefix() == null ? "calico-packet" : cfg.logPrefix();
        int slash = id.indexOf('/');
        return p.replace("%t", tier == null ? "" : tier).replace("%k", slash < 0 ? "" : id.substring(0, slash))
                .replace("%n", name == null ? "" : name).replace("%p", name == null ? "" : name);
    }

    private static void topChains(Tables t, NodeConfigEntry cfg) {
        List<String> inWorkload = cfg.interfacePrefixes().stream().map(p -> "-i " + p + "+ -j RETURN").toList();
        List<String> outWorkload = cfg.interfacePrefixes().stream().map(p -> "-o " + p + "+ -j RETURN").toList();
        String accept = IptMarks.IF_ACCEPTED + " -j ACCEPT";

        t.top("raw", "PREROUTING", List.of(IptMarks.CLEAR_BOTH, "-j " + FROM_HEP, accept));
        t.top("raw", "OUTPUT", List.of(IptMarks.CLEAR_BOTH, "-j " + TO_HEP, accept));
        t.top("mangle", "PREROUTING", List.of("-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", accept,
                "-j " + FROM_HEP, accept));
        t.top("mangle", "POSTROUTING", List.of(IptMarks.IF_ACCEPTED + " -j RETURN", IptMarks.CLEAR_BOTH,
                "-m conntrack --ctstate DNAT -j " + TO_HEP, accept));
        t.top("filter", "INPUT", concat(List.of(accept), inWorkload,
                List.of(IptMarks.CLEAR_BOTH, "-j " + FROM_HEP, accept)));
        // a forwarded packet leaves marked accepted even when no HEP decided: HEP egress policy in mangle
        // postrouting is for host-originated packets only (spec §4.7)
        t.top("filter", "FORWARD", List.of(IptMarks.IF_NOT_ACCEPTED + " -j " + FROM_HEP_FORWARD,
                "-j " + TO_HEP_FORWARD, accept, IptMarks.SET_ACCEPT));
        // DNAT'd host traffic is policed in mangle postrouting instead, once routed to its real destination
        t.top("filter", "OUTPUT", concat(List.of(accept), outWorkload,
                List.of(IptMarks.CLEAR_BOTH, "-m conntrack ! --ctstate DNAT -j " + TO_HEP, accept)));
    }

    private static void failsafe(Tables t, NodeConfigEntry cfg, int family) {
        List<String> in = failsafeRules(cfg.failsafeInbound(), family, "-s", "--dport");
        List<String> out = failsafeRules(cfg.failsafeOutbound(), family, "-d", "--dport");
        for (String table : List.of("mangle", "filter")) {
            t.chain(table, FAILSAFE_IN, in);
            t.chain(table, FAILSAFE_OUT, out);
        }
        // replies to the other direction's failsafe flows pass raw untouched, to be tracked normally (spec §5.2)
        t.chain("raw", FAILSAFE_IN, concat(in, failsafeRules(cfg.failsafeOutbound(), family, "-s", "--sport")));
        t.chain("raw", FAILSAFE_OUT, concat(out, failsafeRules(cfg.failsafeInbound(), family, "-d", "--sport")));
    }

    private static List<String> failsafeRules(List<FailsafePort> ports, int family, String netFlag, String portFlag) {
        List<String> rules = new ArrayList<>();
        for (FailsafePort p : ports) {
            String match = "-p " + p.protocol().toLowerCase() + " -m " + p.protocol().toLowerCase() + " " + portFlag
                    + " " + p.port() + " -j ACCEPT";
            if (p.net() == null || p.net().isEmpty()) {
                rules.add(match);
            } else if (IntervalCidrs.family(p.net()) == family) {
                for (String net : IntervalCidrs.normalize(List.of(p.net()), family)) {
                    rules.add(netFlag + " " + net + " " + match);
                }
            }
        }
        return rules;
    }

    private static void dispatchAndEndpoints(Tables t, NodeConfigEntry cfg, InterfaceAssignment gov) {
        for (Kind kind : Kind.values()) {
            List<String> rules = new ArrayList<>();
            String flag = kind.ingress() ? "-i " : "-o ";
            if (kind == Kind.RAW_IN) {
                // untracked ingress policy never sees packets from workloads (spec §4.9)
                cfg.interfacePrefixes().forEach(p -> rules.add("-i " + p + "+ -j RETURN"));
            }
            gov.byInterface().forEach((iface, endpoint) -> {
                if (!iface.matches("[A-Za-z0-9_.@:-]{1,15}")) {
                    return;
                }
                if (kind.needed(endpoint)) {
                    String chain = endpointChain(kind.chainKind, iface);
                    t.chain(kind.table, chain, endpointRules(t, kind, endpoint, cfg));
                    rules.add(flag + iface + " -g " + chain);
                } else {
                    rules.add(flag + iface + " -j RETURN");
                }
            });
            EndpointEntry wildcard = gov.wildcard();
            boolean wildcardApplies = wildcard != null && kind != Kind.RAW_IN && kind != Kind.RAW_OUT;
            if (wildcardApplies && kind.needed(wildcard)) {
                String chain = wildcardChain(kind.chainKind);
                if (kind == Kind.MANGLE_OUT) {
                    // DNAT'd packets to workloads are the workloads' business (spec §5.3)
                    cfg.interfacePrefixes().forEach(p -> rules.add("-o " + p + "+ -j RETURN"));
                }
                t.chain(kind.table, chain, endpointRules(t, kind, wildcard, cfg));
                rules.add("-g " + chain);
            }
            t.chain(kind.table, kind.dispatch(), rules);
        }
    }

    private static boolean rejects(NodeConfigEntry cfg) {
        return cfg.filterDenyAction() == NodeConfigEntry.DenyAction.Reject;
    }

    private static List<String> endpointRules(Tables t, Kind kind, EndpointEntry e, NodeConfigEntry cfg) {
        String deny = rejects(cfg) && !kind.dropOnly() ? "REJECT" : "DROP";
        Direction direction = kind.ingress() ? Direction.INGRESS : Direction.EGRESS;
        Map<String, ChainRef> refs = t.refs.get(kind.table);
        List<String> rules = new ArrayList<>();
        if (!kind.early) {
            rules.add("-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
            if (cfg.conntrackInvalidDrop()) {
                rules.add("-m conntrack --ctstate INVALID -j DROP");
            }
        }
        if (kind.hasFailsafe()) {
            rules.add("-j " + (kind.ingress() ? FAILSAFE_IN : FAILSAFE_OUT));
        }
        rules.add(IptMarks.CLEAR_BOTH);
        List<String> onAccept = kind == Kind.RAW_IN || kind == Kind.RAW_OUT
                ? List.of(IptMarks.IF_ACCEPTED + " -j CT --notrack", IptMarks.IF_ACCEPTED + " -j RETURN")
                : List.of(IptMarks.IF_ACCEPTED + " -j RETURN");
        boolean separateDropCopy = kind == Kind.MANGLE_OUT && rejects(cfg);
        List<EndpointEntry.TierPolicies> tiers = kind.tiers(e);
        for (EndpointEntry.TierPolicies tier : tiers) {
            rules.add(IptMarks.CLEAR_PASS);
            for (String policy : tier.policies()) {
                String chain = separateDropCopy ? dropOnlyPolicyChain(policy) : policyChain(policy, kind.ingress());
                refs.put(chain, new ChainRef(policy, direction, kind.dropOnly(), false));
                rules.add(IptMarks.IF_NOT_PASSED + " -j " + chain);
                rules.addAll(onAccept);
            }
            if (!kind.early && tier.endOfTier() == EndpointEntry.EndOfTier.Deny) {
                rules.add(IptMarks.IF_NOT_PASSED + " -j " + deny);
            }
        }
        if (kind.forward() && tiers.isEmpty()) {
            // forward policy only for the other direction: this one is allowed (spec §4.7)
            rules.add(IptMarks.SET_ACCEPT);
            rules.add("-j RETURN");
        }
        if (kind.normal()) {
            for (String profile : e.profiles()) {
                String chain = separateDropCopy ? dropOnlyProfileChain(profile) : profileChain(profile, kind.ingress());
                refs.put(chain, new ChainRef(profile, direction, kind.dropOnly(), true));
                // a Pass rule is two rules here (set the bit, return if it is set), so a pass bit left by the last
                // tier or profile would end this profile at its first Pass rule, matched or not (spec §4.5 step 5)
                rules.add(IptMarks.CLEAR_PASS);
                rules.add("-j " + chain);
                rules.add(IptMarks.IF_ACCEPTED + " -j RETURN");
            }
            rules.add("-j " + deny);
        }
        return rules;
    }

    private static Map<String, SetDef> sets(NodeState state, Set<String> ipSetIds, Set<String> portSetIds) {
        Map<String, SetDef> sets = new LinkedHashMap<>();
        for (String id : ipSetIds) {
            IpSetEntry set = state.ipSets().get(id);
            List<String> members = set == null ? List.of() : set.members();
            for (int family : new int[] {4, 6}) {
                String name = ipSet(id, family);
                sets.put(name, new SetDef(name, "hash:net", family, new TreeSet<>(IntervalCidrs.normalize(members, family))));
            }
        }
        for (String id : portSetIds) {
            NamedPortSetEntry set = state.portSets().get(id);
            List<NamedPortSetEntry.Member> members = set == null ? List.of() : set.members();
            for (int family : new int[] {4, 6}) {
                int f = family;
                String name = portSet(id, family);
                sets.put(name, new SetDef(name, "hash:ip,port", family, new TreeSet<>(members.stream()
                        .filter(m -> IntervalCidrs.family(m.ip()) == f)
                        .map(m -> IntervalCidrs.normalize(List.of(m.ip()), f).getFirst() + "," + protocol(m.protocol())
                                + ":" + m.port())
                        .toList())));
            }
        }
        return sets;
    }

    private static String protocol(int number) {
        return switch (number) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 132 -> "sctp";
            case 136 -> "udplite";
            default -> Integer.toString(number);
        };
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
