package dev.palisade.driver.ipt.render;

import dev.palisade.driver.nft.render.NftNames;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The iptables backend's whole desired content: per address family and table, its own chains with their
 * rules in order and the jumps from built-in chains into them; and the ipsets those rules match.
 */
public record IptRuleset(Map<TableKey, TableDef> tables, Map<String, SetDef> sets) {

    public static final List<String> TABLES = List.of("raw", "mangle", "filter");

    public IptRuleset {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    public int ruleCount() {
        return tables.values().stream().mapToInt(TableDef::ruleCount).sum();
    }

    public int elementCount() {
        return sets.values().stream().mapToInt(s -> s.elements().size()).sum();
    }

    /** One table of one family: {@code family} 4 ({@code iptables}) or 6 ({@code ip6tables}). */
    public record TableKey(int family, String table) {
    }

    /** A rule's arguments after {@code -A chain}, and the hash its comment carries in the kernel. */
    public record RuleDef(String body, String hash) {
        public static RuleDef of(String body) {
            return new RuleDef(body, NftNames.hash(body, 16));
        }
    }

    /** A jump from a built-in chain ({@code INPUT}) to one of ours, inserted first like Felix's. */
    public record Jump(String builtin, String chain) {
    }

    public record TableDef(Map<String, List<RuleDef>> chains, List<Jump> jumps) {
        public TableDef {
            chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
            jumps = List.copyOf(jumps);
        }

        public int ruleCount() {
            return chains.values().stream().mapToInt(List::size).sum() + jumps.size();
        }
    }

    /** An ipset: {@code type} {@code hash:net} or {@code hash:ip,port}; elements in ipset's spelling. */
    public record SetDef(String name, String type, int family, Set<String> elements) {
        public SetDef {
            elements = Collections.unmodifiableSet(new TreeSet<>(elements));
        }

        public String createLine() {
            return "create " + name + " " + type + " family " + (family == 4 ? "inet" : "inet6");
        }
    }
}
