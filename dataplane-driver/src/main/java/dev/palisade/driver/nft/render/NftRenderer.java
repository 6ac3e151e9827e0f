package dev.palisade.driver.nft.render;

import dev.palisade.driver.nft.diff.NftObject;

import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static dev.palisade.driver.nft.render.NftNames.*;

/**
 * Desired state plus interface governance in, the whole table out (spec §4.5–4.9, §5.2–5.7 in nftables
 * terms). The same input always gives the same {@link Ruleset}; chains and sets whose inputs did not change
 * since the last render are reused rather than rendered again ({@link RenderMemo}), so one instance serves one
 * driver loop (one thread).
 *
 * <pre>
 * raw-prerouting (-300)  clear marks → raw-from-hep (iifname vmap → raw-fh-IF) → accepted? accept
 * raw-output     (-300)  clear marks → raw-to-hep  (oifname vmap → raw-th-IF)  → accepted? accept
 * mangle-prerouting (-150) established accept → accepted? accept → mangle-from-hep (preDNAT) → accepted? accept
 * mangle-postrouting (-150) accepted? return → clear marks → DNAT'd? mangle-to-hep (normal egress) → accepted? accept
 * filter-input   (0)     accepted? accept → workload iface return → filter-from-hep → accepted? accept
 * filter-output  (0)     accepted? accept → workload iface return → not DNAT'd? filter-to-hep → accepted? accept
 * filter-forward (0)     not accepted? filter-from-hep-fw → filter-to-hep-fw → accepted? accept → mark accepted
 * </pre>
 * Endpoint chains evaluate tiers of policy chains ({@code pi-/po-}) with the accept and pass mark bits, as
 * Calico's chains do; a policy's chain is shared by every endpoint that applies it.
 */
public final class NftRenderer {

    private static final String IPV4_PORT = "ipv4_addr . inet_proto . inet_service";
    private static final String IPV6_PORT = "ipv6_addr . inet_proto . inet_service";

    private enum Kind {
        RAW_IN("raw-fh", RAW_FAILSAFE_IN, true), RAW_OUT("raw-th", RAW_FAILSAFE_OUT, true),
        MANGLE_IN("mangle-fh", FAILSAFE_IN, true), MANGLE_OUT("mangle-th", FAILSAFE_OUT, false),
        FILTER_IN("filter-fh", FAILSAFE_IN, false), FILTER_OUT("filter-th", FAILSAFE_OUT, false),
        FORWARD_IN("filter-fhfw", null, false), FORWARD_OUT("filter-thfw", null, false);

        final String chainPrefix;
        final String failsafe;
        final boolean early;

        Kind(String chainPrefix, String failsafe, boolean early) {
            this.chainPrefix = chainPrefix;
            this.failsafe = failsafe;
            this.early = early;
        }

        boolean ingress() {
            return this == RAW_IN || this == MANGLE_IN || this == FILTER_IN || this == FORWARD_IN;
        }

        boolean forward() {
            return this == FORWARD_IN || this == FORWARD_OUT;
        }

        /** Normal policy, ending in profiles; mangle's copy sees host-originated packets that were DNAT'd. */
        boolean normal() {
            return this == FILTER_IN || this == FILTER_OUT || this == MANGLE_OUT;
        }

        /** Hooks where nft cannot reject: a deny drops there. */
        boolean dropOnly() {
            return early || this == MANGLE_OUT;
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

        /** Whether an endpoint needs this chain at all; without one its dispatch entry returns. */
        boolean needed(EndpointEntry e) {
            return switch (this) {
                case FILTER_IN, FILTER_OUT, MANGLE_OUT -> true;
                case FORWARD_IN, FORWARD_OUT -> !e.forward().ingress().isEmpty() || !e.forward().egress().isEmpty();
                default -> !tiers(e).isEmpty();
            };
        }
    }

    /** A policy or profile chain and what it renders: the entry id, the direction of its rules, whether deny drops. */
    private record ChainRef(String id, Direction direction, boolean dropOnly) {
    }

    private record Builder(Map<String, Ruleset.ChainDef> chains, Map<String, Ruleset.SetDef> sets, RenderMemo memo) {
        void chain(String name, NftObject.BaseHook hook, List<String> bodies) {
            chains.put(name, Ruleset.ChainDef.of(name, hook, bodies));
        }

        /** A chain rendered only when {@code inputs} differ from the last render's for this name. */
        void chain(String name, List<Object> inputs, Supplier<List<String>> bodies) {
            chains.put(name, memo.get(name, inputs, () -> Ruleset.ChainDef.of(name, null, bodies.get())));
        }

        void set(String name, String type, boolean interval, Iterable<String> elements) {
            Set<String> all = new TreeSet<>();
            elements.forEach(all::add);
            sets.put(name, new Ruleset.SetDef(name, type, interval, all));
        }

        void set(String name, List<Object> inputs, String type, boolean interval,
                 Supplier<List<String>> elements) {
            sets.put(name, memo.get("set " + name, inputs,
                    () -> new Ruleset.SetDef(name, type, interval, new TreeSet<>(elements.get()))));
        }
    }

    private final RenderMemo memo = new RenderMemo();

    public Ruleset render(NodeState state, InterfaceAssignment governance) {
        NodeConfigEntry cfg = state.effectiveConfig();
        Builder b = new Builder(new LinkedHashMap<>(), new LinkedHashMap<>(), memo);
        baseChains(b, cfg);
        failsafe(b, cfg);

        Map<String, ChainRef> policyChains = new LinkedHashMap<>();
        Map<String, ChainRef> profileChains = new LinkedHashMap<>();
        dispatchAndEndpoints(b, cfg, governance, policyChains, profileChains);

        Set<String> referencedIpSets = new HashSet<>();
        Set<String> referencedPortSets = new HashSet<>();
        String deny = cfg.filterDenyAction() == NodeConfigEntry.DenyAction.Drop ? "drop" : "reject";
        for (Map.Entry<String, ChainRef> ref : policyChains.entrySet()) {
            PolicyEntry policy = state.policies().get(ref.getValue().id());
            // raw and mangle hooks cannot reject: a deny there always drops
            String verdict = ref.getValue().dropOnly() ? "drop" : deny;
            List<RuleEntry> rules = policy == null ? List.of()
                    : policy.rules(ref.getValue().direction());
            collectSets(ref.getKey(), Arrays.asList(policy, ref.getValue().direction()), rules,
                    referencedIpSets, referencedPortSets);
            b.chain(ref.getKey(), Arrays.asList(policy, verdict, cfg, ref.getValue().direction()), () -> {
                NftRuleRenderer renderer = new NftRuleRenderer(verdict);
                String prefix = policy == null ? "" : logPrefix(cfg, policy.tier(), policy.id(), policy.name());
                List<String> bodies = new ArrayList<>();
                rules.forEach(r -> bodies.addAll(renderer.render(r, prefix)));
                return bodies;
            });
        }
        for (Map.Entry<String, ChainRef> ref : profileChains.entrySet()) {
            ProfileEntry profile = state.profiles().get(ref.getValue().id());
            List<RuleEntry> rules = profile == null ? List.of()
                    : profile.rules(ref.getValue().direction());
            collectSets(ref.getKey(), Arrays.asList(profile, ref.getValue().direction()), rules,
                    referencedIpSets, referencedPortSets);
            String verdict = ref.getValue().dropOnly() ? "drop" : deny;
            b.chain(ref.getKey(), Arrays.asList(profile, verdict, cfg, ref.getValue().direction()), () -> {
                NftRuleRenderer renderer = new NftRuleRenderer(verdict);
                String prefix = profile == null ? "" : logPrefix(cfg, "", "profile/" + profile.name(), profile.name());
                List<String> bodies = new ArrayList<>();
                rules.forEach(r -> bodies.addAll(renderer.render(r, prefix)));
                return bodies;
            });
        }
        ipSets(b, state, referencedIpSets, referencedPortSets);
        memo.renderDone();
        return new Ruleset(b.chains, b.sets);
    }

    private static String logPrefix(NodeConfigEntry cfg, String tier, String id, String name) {
        String p = cfg.logPrefix() == null ? "calico-packet" : cfg.logPrefix();
        int slash = id.indexOf('/');
        return p.replace("%t", tier == null ? "" : tier).replace("%k", slash < 0 ? "" : id.substring(0, slash))
                .replace("%n", name == null ? "" : name).replace("%p", name == null ? "" : name);
    }

    private static void baseChains(Builder b, NodeConfigEntry cfg) {
        List<String> inWorkload = cfg.interfacePrefixes().stream().map(p -> "iifname \"" + p + "*\" return").toList();
        List<String> outWorkload = cfg.interfacePrefixes().stream().map(p -> "oifname \"" + p + "*\" return").toList();

        b.chain(RAW_PREROUTING, new NftObject.BaseHook("filter", "prerouting", "raw"), List.of(
                Marks.CLEAR_BOTH, "jump " + RAW_FROM_HEP, Marks.IF_ACCEPTED + " accept"));
        b.chain(RAW_OUTPUT, new NftObject.BaseHook("filter", "output", "raw"), List.of(
                Marks.CLEAR_BOTH, "jump " + RAW_TO_HEP, Marks.IF_ACCEPTED + " accept"));
        b.chain(MANGLE_PREROUTING, new NftObject.BaseHook("filter", "prerouting", "mangle"), List.of(
                "ct state established,related accept", Marks.IF_ACCEPTED + " accept",
                "jump " + MANGLE_FROM_HEP, Marks.IF_ACCEPTED + " accept"));
        List<String> input = new ArrayList<>(List.of(Marks.IF_ACCEPTED + " accept"));
        input.addAll(inWorkload);
        input.addAll(List.of(Marks.CLEAR_BOTH, "jump " + FILTER_FROM_HEP, Marks.IF_ACCEPTED + " accept"));
        b.chain(FILTER_INPUT, new NftObject.BaseHook("filter", "input", "filter"), input);
        // a forwarded packet leaves marked accepted even when no HEP decided: HEP egress policy in mangle
        // postrouting is for host-originated packets only (spec §4.7)
        b.chain(FILTER_FORWARD, new NftObject.BaseHook("filter", "forward", "filter"), List.of(
                Marks.IF_NOT_ACCEPTED + " jump " + FILTER_FROM_HEP_FORWARD, "jump " + FILTER_TO_HEP_FORWARD,
                Marks.IF_ACCEPTED + " accept", Marks.SET_ACCEPT));
        List<String> output = new ArrayList<>(List.of(Marks.IF_ACCEPTED + " accept"));
        output.addAll(outWorkload);
        // DNAT'd host traffic is policed in mangle postrouting instead, once routed to its real destination
        output.addAll(List.of(Marks.CLEAR_BOTH, "ct status & dnat == 0 jump " + FILTER_TO_HEP,
                Marks.IF_ACCEPTED + " accept"));
        b.chain(FILTER_OUTPUT, new NftObject.BaseHook("filter", "output", "filter"), output);
        b.chain(MANGLE_POSTROUTING, new NftObject.BaseHook("filter", "postrouting", "mangle"), List.of(
                Marks.IF_ACCEPTED + " return", Marks.CLEAR_BOTH, "ct status dnat jump " + MANGLE_TO_HEP,
                Marks.IF_ACCEPTED + " accept"));
    }

    private static void failsafe(Builder b, NodeConfigEntry cfg) {
        String in = "meta l4proto . th dport @" + FAILSAFE_IN_PORTS + " accept";
        String out = "meta l4proto . th dport @" + FAILSAFE_OUT_PORTS + " accept";
        List<String> inNets = List.of(
                "ip saddr . meta l4proto . th dport @" + failsafeNets(true, 4) + " accept",
                "ip6 saddr . meta l4proto . th dport @" + failsafeNets(true, 6) + " accept");
        List<String> outNets = List.of(
                "ip daddr . meta l4proto . th dport @" + failsafeNets(false, 4) + " accept",
                "ip6 daddr . meta l4proto . th dport @" + failsafeNets(false, 6) + " accept");
        b.chain(FAILSAFE_IN, null, concat(List.of(in), inNets));
        b.chain(FAILSAFE_OUT, null, concat(List.of(out), outNets));
        // replies to the other direction's failsafe flows pass raw untouched, to be tracked normally (spec §5.2)
        b.chain(RAW_FAILSAFE_IN, null, concat(List.of(in), inNets, List.of(
                "meta l4proto . th sport @" + FAILSAFE_OUT_PORTS + " accept",
                "ip saddr . meta l4proto . th sport @" + failsafeNets(false, 4) + " accept",
                "ip6 saddr . meta l4proto . th sport @" + failsafeNets(false, 6) + " accept")));
        b.chain(RAW_FAILSAFE_OUT, null, concat(List.of(out), outNets, List.of(
                "meta l4proto . th sport @" + FAILSAFE_IN_PORTS + " accept",
                "ip daddr . meta l4proto . th sport @" + failsafeNets(true, 4) + " accept",
                "ip6 daddr . meta l4proto . th sport @" + failsafeNets(true, 6) + " accept")));

        b.set(FAILSAFE_IN_PORTS, "inet_proto . inet_service", false, failsafePorts(cfg.failsafeInbound()));
        b.set(FAILSAFE_OUT_PORTS, "inet_proto . inet_service", false, failsafePorts(cfg.failsafeOutbound()));
        b.set(failsafeNets(true, 4), IPV4_PORT, true, failsafeNetElements(cfg.failsafeInbound(), 4));
        b.set(failsafeNets(true, 6), IPV6_PORT, true, failsafeNetElements(cfg.failsafeInbound(), 6));
        b.set(failsafeNets(false, 4), IPV4_PORT, true, failsafeNetElements(cfg.failsafeOutbound(), 4));
        b.set(failsafeNets(false, 6), IPV6_PORT, true, failsafeNetElements(cfg.failsafeOutbound(), 6));
    }

    private static List<String> failsafePorts(List<FailsafePort> ports) {
        return ports.stream().filter(p -> p.net() == null || p.net().isEmpty())
                .map(p -> p.protocol().toLowerCase() + " . " + p.port()).toList();
    }

    private static List<String> failsafeNetElements(List<FailsafePort> ports, int family) {
        List<String> out = new ArrayList<>();
        for (FailsafePort p : ports) {
            if (p.net() != null && !p.net().isEmpty() && IntervalCidrs.family(p.net()) == family) {
                for (String net : IntervalCidrs.normalize(List.of(p.net()), family)) {
                    out.add(net + " . " + p.protocol().toLowerCase() + " . " + p.port());
                }
            }
        }
        return out;
    }

    private void dispatchAndEndpoints(Builder b, NodeConfigEntry cfg, InterfaceAssignment gov,
                                      Map<String, ChainRef> policyChains, Map<String, ChainRef> profileChains) {
        Map<Kind, String> dispatch = Map.of(Kind.RAW_IN, RAW_FROM_HEP, Kind.RAW_OUT, RAW_TO_HEP,
                Kind.MANGLE_IN, MANGLE_FROM_HEP, Kind.MANGLE_OUT, MANGLE_TO_HEP, Kind.FILTER_IN, FILTER_FROM_HEP,
                Kind.FILTER_OUT, FILTER_TO_HEP, Kind.FORWARD_IN, FILTER_FROM_HEP_FORWARD,
                Kind.FORWARD_OUT, FILTER_TO_HEP_FORWARD);
        for (Kind kind : Kind.values()) {
            List<String> rules = new ArrayList<>();
            String match = kind.ingress() ? "iifname" : "oifname";
            if (kind == Kind.RAW_IN) {
                // untracked ingress policy never sees packets from workloads (spec §4.9)
                cfg.interfacePrefixes().forEach(p -> rules.add("iifname \"" + p + "*\" return"));
            }
            List<String> entries = new ArrayList<>();
            gov.byInterface().forEach((iface, endpoint) -> {
                if (!iface.matches("[A-Za-z0-9_.@:+-]{1,15}")) {
                    return;
                }
                if (kind.needed(endpoint)) {
                    String chain = endpointChain(kind.chainPrefix, iface);
                    collectReferences(kind, endpoint, cfg, policyChains, profileChains);
                    b.chain(chain, List.of(kind, endpoint, cfg), () -> endpointRules(kind, endpoint, cfg));
                    entries.add("\"" + iface + "\" : goto " + chain);
                } else {
                    entries.add("\"" + iface + "\" : return");
                }
            });
            if (!entries.isEmpty()) {
                rules.add(match + " vmap { " + String.join(", ", entries) + " }");
            }
            EndpointEntry wildcard = gov.wildcard();
            boolean wildcardApplies = wildcard != null && kind != Kind.RAW_IN && kind != Kind.RAW_OUT;
            if (wildcardApplies && kind.needed(wildcard)) {
                String chain = endpointChain(kind.chainPrefix, ALL_INTERFACES);
                if (kind == Kind.MANGLE_OUT) {
                    // DNAT'd packets to workloads are the workloads' business (spec §5.3)
                    cfg.interfacePrefixes().forEach(p -> rules.add("oifname \"" + p + "*\" return"));
                }
                collectReferences(kind, wildcard, cfg, policyChains, profileChains);
                b.chain(chain, List.of(kind, wildcard, cfg), () -> endpointRules(kind, wildcard, cfg));
                rules.add("goto " + chain);
            }
            b.chain(dispatch.get(kind), null, rules);
        }
    }

    /** The policy and profile chains an endpoint chain jumps to, which must therefore be rendered. */
    private static void collectReferences(Kind kind, EndpointEntry e, NodeConfigEntry cfg,
                                          Map<String, ChainRef> policyChains, Map<String, ChainRef> profileChains) {
        Direction direction = kind.ingress() ? Direction.INGRESS : Direction.EGRESS;
        for (EndpointEntry.TierPolicies tier : kind.tiers(e)) {
            for (String policy : tier.policies()) {
                policyChains.put(policyChainFor(kind, policy, cfg), new ChainRef(policy, direction, kind.dropOnly()));
            }
        }
        if (kind.normal()) {
            e.profiles().forEach(p -> profileChains.put(profileChainFor(kind, p, cfg),
                    new ChainRef(p, direction, kind.dropOnly())));
        }
    }

    /**
     * A policy's chain as {@code kind} jumps to it. Untracked and preDNAT policies only ever run in raw or mangle,
     * so their one chain drops; normal egress policy runs in both filter output and mangle postrouting, so when
     * deny means reject, mangle gets its own copy that drops.
     */
    private static String policyChainFor(Kind kind, String policy, NodeConfigEntry cfg) {
        return kind == Kind.MANGLE_OUT && rejects(cfg) ? dropOnlyPolicyChain(policy) : policyChain(policy, kind.ingress());
    }

    private static String profileChainFor(Kind kind, String profile, NodeConfigEntry cfg) {
        return kind == Kind.MANGLE_OUT && rejects(cfg) ? dropOnlyProfileChain(profile) : profileChain(profile, kind.ingress());
    }

    private static boolean rejects(NodeConfigEntry cfg) {
        return cfg.filterDenyAction() == NodeConfigEntry.DenyAction.Reject;
    }

    private static List<String> endpointRules(Kind kind, EndpointEntry e, NodeConfigEntry cfg) {
        String deny = rejects(cfg) && !kind.dropOnly() ? "reject" : "drop";
        List<String> rules = new ArrayList<>();
        if (!kind.early) {
            rules.add("ct state established,related accept");
            if (cfg.conntrackInvalidDrop()) {
                rules.add("ct state invalid drop");
            }
        }
        if (kind.failsafe != null) {
            rules.add("jump " + kind.failsafe);
        }
        rules.add(Marks.CLEAR_BOTH);
        String onAccept = Marks.IF_ACCEPTED + (kind == Kind.RAW_IN || kind == Kind.RAW_OUT ? " notrack" : "")
                + " return";
        List<EndpointEntry.TierPolicies> tiers = kind.tiers(e);
        for (EndpointEntry.TierPolicies tier : tiers) {
            rules.add(Marks.CLEAR_PASS);
            for (String policy : tier.policies()) {
                String chain = policyChainFor(kind, policy, cfg);
                rules.add(Marks.IF_NOT_PASSED + " jump " + chain);
                rules.add(onAccept);
            }
            boolean endOfTierDeny = !kind.early && tier.endOfTier() == EndpointEntry.EndOfTier.Deny;
            if (endOfTierDeny) {
                rules.add(Marks.IF_NOT_PASSED + " counter " + deny);
            }
        }
        if (kind.forward() && tiers.isEmpty()) {
            // forward policy only for the other direction: this one is allowed (spec §4.7)
            rules.add(Marks.SET_ACCEPT + " return");
        }
        if (kind.normal()) {
            for (String profile : e.profiles()) {
                String chain = profileChainFor(kind, profile, cfg);
                rules.add("jump " + chain);
                rules.add(Marks.IF_ACCEPTED + " return");
            }
            rules.add("counter " + deny);
        }
        return rules;
    }

    /** The IP sets and named-port sets a chain's rules use, remembered with the chain's inputs. */
    private record SetRefs(Set<String> ipSets, Set<String> portSets) {
    }

    private void collectSets(String chain, List<Object> inputs, List<RuleEntry> rules,
                             Set<String> ipSets, Set<String> portSets) {
        SetRefs refs = memo.get("sets used by " + chain, inputs, () -> {
            Set<String> ips = new HashSet<>();
            Set<String> ports = new HashSet<>();
            for (var r : rules) {
                for (var peer : List.of(r.source(), r.destination())) {
                    ips.addAll(peer.ipSets());
                    ips.addAll(peer.notIpSets());
                    ports.addAll(peer.namedPortSets());
                    ports.addAll(peer.notNamedPortSets());
                }
            }
            return new SetRefs(ips, ports);
        });
        ipSets.addAll(refs.ipSets());
        portSets.addAll(refs.portSets());
    }

    private static void ipSets(Builder b, NodeState state, Set<String> referencedIpSets,
                               Set<String> referencedPortSets) {
        Set<String> ipIds = new TreeSet<>(state.ipSets().keySet());
        ipIds.addAll(referencedIpSets);
        for (String id : ipIds) {
            IpSetEntry set = state.ipSets().get(id);
            List<String> members = set == null ? List.of() : set.members();
            b.set(ipSet(id, 4), Arrays.asList(set), "ipv4_addr", true, () -> IntervalCidrs.normalize(members, 4));
            b.set(ipSet(id, 6), Arrays.asList(set), "ipv6_addr", true, () -> IntervalCidrs.normalize(members, 6));
        }
        Set<String> portIds = new TreeSet<>(state.portSets().keySet());
        portIds.addAll(referencedPortSets);
        for (String id : portIds) {
            NamedPortSetEntry set = state.portSets().get(id);
            List<NamedPortSetEntry.Member> members = set == null ? List.of() : set.members();
            for (int family : new int[] {4, 6}) {
                int f = family;
                Predicate<NamedPortSetEntry.Member> inFamily = m -> IntervalCidrs.family(m.ip()) == f;
                b.set(portSet(id, family), Arrays.asList(set), family == 4 ? IPV4_PORT : IPV6_PORT, false,
                        () -> members.stream().filter(inFamily)
                                .map(m -> IntervalCidrs.normalize(List.of(m.ip()), f).getFirst() + " . " + m.protocol() + " . "
                                        + m.port())
                                .distinct().toList());
            }
        }
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
