package dev.palisade.driver.nft.fake;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;
import dev.palisade.driver.nft.diff.SetElements;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftPort;
import dev.palisade.driver.nft.kernel.TableWatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An in-memory {@link NftPort} that behaves like the kernel where the driver depends on it: a transaction
 * is applied to a copy and committed only if every operation succeeds, rules may only reference chains and
 * sets that exist at commit, a referenced chain or set cannot be deleted, and deleting a missing element or
 * object fails. Rule bodies are not parsed beyond their references. For golden and partial-sync tests.
 */
public final class FakeNft implements NftPort, TableWatch {

    private static final Pattern CHAIN_REF = Pattern.compile("(?:jump|goto) ([A-Za-z0-9_./-]+)");
    private static final Pattern SET_REF = Pattern.compile("@([A-Za-z0-9_./-]+)");

    private record FakeRule(String body, String comment) {
    }

    private record FakeChain(NftObject.BaseHook hook, List<FakeRule> rules) {
    }

    private record FakeSet(String type, boolean interval, Set<String> elements) {
    }

    private static final class State {
        boolean table;
        final Map<String, FakeChain> chains = new LinkedHashMap<>();
        final Map<String, FakeSet> sets = new LinkedHashMap<>();

        State copy() {
            State s = new State();
            s.table = table;
            chains.forEach((k, v) -> s.chains.put(k, new FakeChain(v.hook, new ArrayList<>(v.rules))));
            sets.forEach((k, v) -> s.sets.put(k, new FakeSet(v.type, v.interval, new LinkedHashSet<>(v.elements))));
            return s;
        }
    }

    private State state = new State();
    private boolean changed = true;
    private int listings;
    private NftTransaction lastTransaction;
    private String failNext;
    private int committed;

    /** The next {@link #run} fails with {@code message}, as the kernel refusing a transaction would. */
    public void failNextRun(String message) {
        failNext = message;
    }

    public Optional<NftTransaction> lastTransaction() {
        return Optional.ofNullable(lastTransaction);
    }

    public synchronized int listings() {
        return listings;
    }

    public int committedTransactions() {
        return committed;
    }

    @Override
    public synchronized void run(NftTransaction tx) throws NftException {
        lastTransaction = tx;
        State next = apply(tx);
        if (failNext != null) {
            String message = failNext;
            failNext = null;
            throw new NftException(message);
        }
        state = next;
        committed++;
        changed = true;
    }

    @Override
    public synchronized void check(NftTransaction tx) throws NftException {
        apply(tx);
    }

    @Override
    public synchronized Optional<KernelTable> listTable() {
        listings++;
        if (!state.table) {
            return Optional.empty();
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        state.chains.forEach((name, c) -> chains.put(name, c.rules.stream().map(FakeRule::comment).toList()));
        Map<String, KernelTable.KernelSet> sets = new LinkedHashMap<>();
        state.sets.forEach((name, s) -> sets.put(name,
                new KernelTable.KernelSet(name, s.type, s.interval,
                        s.elements.stream().map(SetElements::canonical).collect(Collectors.toSet()))));
        return Optional.of(new KernelTable(chains, sets));
    }

    /** What someone else's {@code nft flush table inet palisade} does: every chain emptied, sets emptied. */
    public synchronized void flushTableFromOutside() {
        state.chains.values().forEach(c -> c.rules.clear());
        state.sets.values().forEach(s -> s.elements.clear());
        changed = true;
    }

    /** Someone else's {@code nft add element}: one element replaced by another, the count unchanged. */
    public synchronized void replaceElementFromOutside(String set, String element, String replacement) {
        FakeSet s = state.sets.get(set);
        if (s == null || !s.elements.remove(element)) {
            throw new IllegalArgumentException("set " + set + " holds no element " + element);
        }
        s.elements.add(replacement);
        changed = true;
    }

    /** Changes as {@code nft monitor} would report them: every commit, the driver's own included. */
    @Override
    public synchronized boolean changed() {
        return changed;
    }

    @Override
    public synchronized void clear() {
        changed = false;
    }

    /** The whole table as nft text, sets then chains, each sorted by name; empty when there is no table. */
    public synchronized String dump() {
        if (!state.table) {
            return "";
        }
        StringBuilder out = new StringBuilder("table " + NftObject.TABLE_REF + " {\n");
        new TreeMap<>(state.sets).forEach((name, s) -> {
            out.append("\tset ").append(name).append(" {\n\t\ttype ").append(s.type).append('\n');
            if (s.interval) {
                out.append("\t\tflags interval\n");
            }
            if (!s.elements.isEmpty()) {
                out.append("\t\telements = { ").append(String.join(", ", new TreeSet<>(s.elements))).append(" }\n");
            }
            out.append("\t}\n");
        });
        new TreeMap<>(state.chains).forEach((name, c) -> {
            out.append("\tchain ").append(name).append(" {\n");
            if (c.hook != null) {
                out.append("\t\ttype ").append(c.hook.type()).append(" hook ").append(c.hook.hook())
                        .append(" priority ").append(c.hook.priority()).append("; policy accept;\n");
            }
            c.rules.forEach(r -> out.append("\t\t").append(r.body).append('\n'));
            out.append("\t}\n");
        });
        return out.append("}\n").toString();
    }

    private State apply(NftTransaction tx) throws NftException {
        if (tx.error().isPresent()) {
            throw new NftException("invalid transaction: " + tx.error().get());
        }
        State s = state.copy();
        int line = 0;
        for (NftTransaction.Operation op : tx.operations()) {
            line++;
            String problem = apply(s, op);
            if (problem != null) {
                throw new NftException("line " + line + ": " + problem + ": " + op.line());
            }
        }
        for (Map.Entry<String, FakeChain> chain : s.chains.entrySet()) {
            for (FakeRule rule : chain.getValue().rules) {
                String missing = missingReference(s, rule.body);
                if (missing != null) {
                    throw new NftException("rule in chain " + chain.getKey() + " references " + missing);
                }
            }
        }
        return s;
    }

    private static String apply(State s, NftTransaction.Operation op) {
        if (!(op.object() instanceof NftObject.Table) && !s.table) {
            return "No such file or directory (table)";
        }
        return switch (op.object()) {
            case NftObject.Table t -> {
                if (op.verb() == NftTransaction.Verb.DELETE) {
                    s.table = false;
                    s.chains.clear();
                    s.sets.clear();
                } else {
                    s.table = true;
                }
                yield null;
            }
            case NftObject.Chain c -> switch (op.verb()) {
                case ADD -> {
                    s.chains.putIfAbsent(c.name(), new FakeChain(c.hook(), new ArrayList<>()));
                    yield null;
                }
                case FLUSH -> {
                    FakeChain chain = s.chains.get(c.name());
                    if (chain == null) {
                        yield "No such file or directory (chain)";
                    }
                    chain.rules.clear();
                    yield null;
                }
                case DELETE -> {
                    if (!s.chains.containsKey(c.name())) {
                        yield "No such file or directory (chain)";
                    }
                    if (referenced(s, CHAIN_REF, c.name())) {
                        yield "Device or resource busy (chain is referenced)";
                    }
                    s.chains.remove(c.name());
                    yield null;
                }
            };
            case NftObject.Rule r -> {
                FakeChain chain = s.chains.get(r.chain());
                if (chain == null) {
                    yield "No such file or directory (chain " + r.chain() + ")";
                }
                String missing = missingReference(s, r.body());
                if (missing != null) {
                    yield "No such file or directory (" + missing + ")";
                }
                chain.rules.add(new FakeRule(r.body(), r.comment()));
                yield null;
            }
            case NftObject.NftSet set -> switch (op.verb()) {
                case ADD -> {
                    FakeSet old = s.sets.get(set.name());
                    if (old != null && (!old.type.equals(set.type()) || old.interval != set.interval())) {
                        yield "File exists (set with another type)";
                    }
                    s.sets.putIfAbsent(set.name(), new FakeSet(set.type(), set.interval(), new LinkedHashSet<>()));
                    yield null;
                }
                case FLUSH -> {
                    FakeSet old = s.sets.get(set.name());
                    if (old == null) {
                        yield "No such file or directory (set)";
                    }
                    old.elements.clear();
                    yield null;
                }
                case DELETE -> {
                    if (!s.sets.containsKey(set.name())) {
                        yield "No such file or directory (set)";
                    }
                    if (referenced(s, SET_REF, set.name())) {
                        yield "Device or resource busy (set is referenced)";
                    }
                    s.sets.remove(set.name());
                    yield null;
                }
            };
            case NftObject.Elements e -> {
                FakeSet set = s.sets.get(e.set());
                if (set == null) {
                    yield "No such file or directory (set " + e.set() + ")";
                }
                if (op.verb() == NftTransaction.Verb.ADD) {
                    set.elements.addAll(e.keys());
                    yield null;
                }
                for (String key : e.keys()) {
                    if (!set.elements.remove(key)) {
                        yield "No such file or directory (element " + key + ")";
                    }
                }
                yield null;
            }
        };
    }

    private static String missingReference(State s, String body) {
        Matcher chains = CHAIN_REF.matcher(body);
        while (chains.find()) {
            if (!s.chains.containsKey(chains.group(1))) {
                return "chain " + chains.group(1);
            }
        }
        Matcher sets = SET_REF.matcher(body);
        while (sets.find()) {
            if (!s.sets.containsKey(sets.group(1))) {
                return "set " + sets.group(1);
            }
        }
        return null;
    }

    private static boolean referenced(State s, Pattern pattern, String name) {
        for (FakeChain chain : s.chains.values()) {
            for (FakeRule rule : chain.rules) {
                Matcher m = pattern.matcher(rule.body);
                while (m.find()) {
                    if (m.group(1).equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Both the port and the watch: nothing to release. */
    @Override
    public void close() {
    }
}
