package dev.palisade.driver.nft.render;

import dev.palisade.driver.nft.diff.NftObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole desired content of the driver's table, as the renderer produced it: chains with their rules in
 * order, sets with their elements. Chains are listed in creation order (base chains first).
 */
public record Ruleset(Map<String, ChainDef> chains, Map<String, SetDef> sets) {

    public Ruleset {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    public int ruleCount() {
        return chains.values().stream().mapToInt(c -> c.rules().size()).sum();
    }

    public int elementCount() {
        return sets.values().stream().mapToInt(s -> s.elements().size()).sum();
    }

    /** A rule body with the hash that identifies it in the kernel (its comment). */
    public record RuleDef(String body, String hash) {
        public static RuleDef of(String body) {
            return new RuleDef(body, NftNames.hash(body, 16));
        }
    }

    /** A chain; {@code hashes} are its rules' hashes in order, kept so comparisons need not rebuild them. */
    public record ChainDef(String name, NftObject.BaseHook hook, List<RuleDef> rules, List<String> hashes) {
        public ChainDef {
            rules = List.copyOf(rules);
            hashes = List.copyOf(hashes);
        }

        public static ChainDef of(String name, NftObject.BaseHook hook, List<String> bodies) {
            List<RuleDef> rules = bodies.stream().map(RuleDef::of).toList();
            return new ChainDef(name, hook, rules, rules.stream().map(RuleDef::hash).toList());
        }

        public NftObject.Chain object() {
            return new NftObject.Chain(name, hook);
        }
    }

    /** A named set and its elements in nft syntax, in a stable order. */
    public record SetDef(String name, String type, boolean interval, Set<String> elements) {
        public SetDef {
            elements = Collections.unmodifiableSet(new java.util.TreeSet<>(elements));
        }

        public NftObject.NftSet object() {
            return new NftObject.NftSet(name, type, interval);
        }
    }
}
