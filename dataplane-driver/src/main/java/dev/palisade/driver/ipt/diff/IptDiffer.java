package dev.palisade.driver.ipt.diff;

import dev.palisade.driver.ipt.render.IptNames;
import dev.palisade.driver.ipt.render.IptRuleset;
import dev.palisade.driver.ipt.render.IptRuleset.RuleDef;
import dev.palisade.driver.ipt.render.IptRuleset.SetDef;
import dev.palisade.driver.ipt.render.IptRuleset.TableDef;
import dev.palisade.driver.ipt.render.IptRuleset.TableKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Desired ruleset against a base (the record of the last commit, or the kernel's listing) → the
 * {@link IptTransaction} that brings the base there. A chain whose hash list is unchanged is not mentioned
 * (its counters survive); a changed one is declared, which {@code --noflush} turns into a flush, and refilled;
 * an owned chain no longer desired is flushed and deleted. Jumps from built-in chains are inserted first when
 * missing and duplicates deleted. Sets change by element, additions before removals.
 */
public final class IptDiffer {

    private IptDiffer() {
    }

    public static IptTransaction diff(IptRuleset desired, IptState base) {
        int[] ops = {0};
        Map<Integer, StringBuilder> restore = new LinkedHashMap<>();
        for (TableKey key : orderedKeys(desired.tables().keySet(), base.tables().keySet())) {
            TableDef want = desired.tables().getOrDefault(key, new TableDef(Map.of(), List.of()));
            String section = table(key.table(), want, base.table(key), ops);
            if (!section.isEmpty()) {
                restore.computeIfAbsent(key.family(), f -> new StringBuilder()).append(section);
            }
        }
        StringBuilder create = new StringBuilder();
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (SetDef set : desired.sets().values()) {
            Set<String> had = base.sets().get(set.name());
            StringBuilder out = before;
            if (had == null) {
                create.append(set.createLine()).append(" -exist\n");
                ops[0]++;
                had = Set.of();
                out = create;
            }
            for (String e : set.elements()) {
                if (!had.contains(e)) {
                    out.append("add ").append(set.name()).append(' ').append(e).append(" -exist\n");
                    ops[0]++;
                }
            }
            for (String e : had) {
                if (!set.elements().contains(e)) {
                    before.append("del ").append(set.name()).append(' ').append(e).append(" -exist\n");
                    ops[0]++;
                }
            }
        }
        for (String name : base.sets().keySet()) {
            if (!desired.sets().containsKey(name)) {
                after.append("destroy ").append(name).append('\n');
                ops[0]++;
            }
        }
        Map<Integer, String> scripts = new LinkedHashMap<>();
        restore.forEach((family, text) -> scripts.put(family, text.toString()));
        return new IptTransaction(create.toString(), before.toString(), scripts, after.toString(), ops[0]);
    }

    /** Tables of both sides, in a stable order (family, then raw, mangle, filter). */
    private static Set<TableKey> orderedKeys(Set<TableKey> a, Set<TableKey> b) {
        Set<TableKey> keys = new TreeSet<>((x, y) -> x.family() != y.family() ? x.family() - y.family()
                : IptRuleset.TABLES.indexOf(x.table()) - IptRuleset.TABLES.indexOf(y.table()));
        keys.addAll(a);
        keys.addAll(b);
        return keys;
    }

    private static String table(String table, TableDef want, IptState.Table have, int[] ops) {
        List<String> declare = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<String> append = new ArrayList<>();
        List<String> insert = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        want.chains().forEach((name, rules) -> {
            List<String> hashes = rules.stream().map(RuleDef::hash).toList();
            if (!hashes.equals(have.chains().get(name))) {
                declare.add(":" + name + " - [0:0]");
                for (RuleDef r : rules) {
                    append.add("-A " + name + " " + r.body() + " -m comment --comment \"palisade:" + r.hash() + "\"");
                }
            }
        });
        for (String name : have.chains().keySet()) {
            if (!want.chains().containsKey(name)) {
                declare.add(":" + name + " - [0:0]");
                remove.add("-X " + name);
            }
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        want.jumps().forEach(j -> wanted.put(IptState.jumpKey(j.builtin(), j.chain()), 1));
        have.jumps().forEach((jump, count) -> {
            int surplus = count - wanted.getOrDefault(jump, 0);
            for (int i = 0; i < surplus; i++) {
                delete.add("-D " + jumpRule(jump));
            }
        });
        wanted.forEach((jump, count) -> {
            if (!have.jumps().containsKey(jump)) {
                String[] parts = jump.split(" ");
                insert.add("-I " + parts[0] + " 1 -m comment --comment \"" + IptNames.JUMP_COMMENT + "\" -j " + parts[1]);
            }
        });
        if (declare.isEmpty() && delete.isEmpty() && insert.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("*").append(table).append('\n');
        for (List<String> lines : List.of(declare, delete, append, insert, remove)) {
            for (String line : lines) {
                out.append(line).append('\n');
            }
        }
        ops[0] += declare.size() + delete.size() + append.size() + insert.size() + remove.size();
        return out.append("COMMIT\n").toString();
    }

    private static String jumpRule(String jump) {
        String[] parts = jump.split(" ");
        return parts[0] + " -m comment --comment \"" + IptNames.JUMP_COMMENT + "\" -j " + parts[1];
    }
}
