package dev.palisade.driver.ipt.diff;

import dev.palisade.driver.ipt.render.IptNames;
import dev.palisade.driver.ipt.render.IptRuleset;
import dev.palisade.driver.ipt.render.IptRuleset.RuleDef;
import dev.palisade.driver.ipt.render.IptRuleset.TableKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the backend's part of the kernel holds, as far as diffs and drift checks need it: per table the owned
 * chains with their rules' hashes (the {@code palisade:HASH} comments), the jumps from built-in chains into
 * them, and the owned ipsets with their members. Built from a render (the record of a commit) or parsed from
 * {@code iptables-save} and {@code ipset save} output.
 */
public record IptState(Map<TableKey, Table> tables, Map<String, Set<String>> sets) {

    public static final IptState ABSENT = new IptState(Map.of(), Map.of());

    /** A rule of an owned chain that carries no hash of ours: never equal to a rendered one. */
    static final String FOREIGN = "?";

    private static final Pattern COMMENT = Pattern.compile("--comment \"?palisade:([A-Za-z0-9_-]+)\"?");
    private static final Pattern TARGET = Pattern.compile(" -[jg] (\\S+)");

    public IptState {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    /**
     * @param chains owned chain → its rules' hashes in order
     * @param jumps  "BUILTIN chain" → how many rules jump there from the built-in chain
     */
    public record Table(Map<String, List<String>> chains, Map<String, Integer> jumps) {
        public Table {
            chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
            jumps = Collections.unmodifiableMap(new LinkedHashMap<>(jumps));
        }

        static final Table EMPTY = new Table(Map.of(), Map.of());
    }

    public Table table(TableKey key) {
        return tables.getOrDefault(key, Table.EMPTY);
    }

    public static IptState of(IptRuleset ruleset) {
        Map<TableKey, Table> tables = new LinkedHashMap<>();
        ruleset.tables().forEach((key, def) -> {
            Map<String, List<String>> chains = new LinkedHashMap<>();
            def.chains().forEach((name, rules) -> chains.put(name, rules.stream().map(RuleDef::hash).toList()));
            Map<String, Integer> jumps = new LinkedHashMap<>();
            def.jumps().forEach(j -> jumps.put(jumpKey(j.builtin(), j.chain()), 1));
            tables.put(key, new Table(chains, jumps));
        });
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        ruleset.sets().forEach((name, def) -> sets.put(name, def.elements()));
        return new IptState(tables, sets);
    }

    static String jumpKey(String builtin, String chain) {
        return builtin + " " + chain;
    }

    /** The owned part of one family's {@code iptables-save} output (every table in it). */
    public static Map<TableKey, Table> parseSave(int family, String save) {
        Map<TableKey, Table> tables = new LinkedHashMap<>();
        String table = null;
        Map<String, List<String>> chains = null;
        Map<String, Integer> jumps = null;
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
                chains = new LinkedHashMap<>();
                jumps = new LinkedHashMap<>();
            } else if (table == null) {
                continue;
            } else if (line.startsWith(":")) {
                String name = line.substring(1).split(" ")[0];
                if (IptNames.isOwned(name)) {
                    chains.put(name, new ArrayList<>());
                }
            } else if (line.startsWith("-A ")) {
                String chain = line.substring(3).split(" ")[0];
                if (chains.containsKey(chain)) {
                    Matcher m = COMMENT.matcher(line);
                    chains.get(chain).add(m.find() ? m.group(1) : FOREIGN);
                } else if (!IptNames.isOwned(chain) && line.contains(IptNames.JUMP_COMMENT)) {
                    Matcher target = TARGET.matcher(line);
                    if (target.find() && IptNames.isOwned(target.group(1))) {
                        jumps.merge(jumpKey(chain, target.group(1)), 1, Integer::sum);
                    }
                }
            } else if (line.startsWith("COMMIT")) {
                if (!chains.isEmpty() || !jumps.isEmpty()) {
                    tables.put(new TableKey(family, table), new Table(chains, jumps));
                }
                table = null;
            }
        }
        return tables;
    }

    /** The owned sets in {@code ipset save} output, members as ipset prints them. */
    public static Map<String, Set<String>> parseIpsetSave(String save) {
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        for (String line : save.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 2 && IptNames.isOwned(parts[1])) {
                if (parts[0].equals("create")) {
                    sets.computeIfAbsent(parts[1], n -> new TreeSet<>());
                } else if (parts[0].equals("add") && parts.length >= 3) {
                    sets.computeIfAbsent(parts[1], n -> new TreeSet<>()).add(IpsetElements.canonical(parts[2]));
                }
            }
        }
        return sets;
    }
}
