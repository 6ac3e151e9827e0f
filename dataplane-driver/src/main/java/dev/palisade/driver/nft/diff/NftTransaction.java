package dev.palisade.driver.nft.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One kernel transaction as a value: an ordered list of verbs on objects. Each operation is validated as it
 * is queued; the first problem is kept and {@link dev.palisade.driver.nft.kernel.NftPort#run} refuses the whole transaction with it, so
 * building never throws. {@link #toString()} is exactly the script {@code nft -f} runs.
 */
public final class NftTransaction {

    public enum Verb {
        ADD("add"), FLUSH("flush"), DELETE("delete");

        private final String word;

        Verb(String word) {
            this.word = word;
        }
    }

    public record Operation(Verb verb, NftObject object) {
        public String line() {
            return verb.word + " " + object.spec(verb);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]{0,127}");
    private static final Pattern COMMENT = Pattern.compile("[A-Za-z0-9_./:#-]{1,128}");

    private final List<Operation> operations = new ArrayList<>();
    private String firstError;

    public NftTransaction add(NftObject object) {
        return queue(Verb.ADD, object);
    }

    public NftTransaction flush(NftObject object) {
        return queue(Verb.FLUSH, object);
    }

    public NftTransaction delete(NftObject object) {
        return queue(Verb.DELETE, object);
    }

    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The first invalid operation, described; empty when every operation is valid. */
    public Optional<String> error() {
        return Optional.ofNullable(firstError);
    }

    private NftTransaction queue(Verb verb, NftObject object) {
        String problem = validate(verb, object);
        if (problem != null && firstError == null) {
            firstError = "operation " + (operations.size() + 1) + " (" + verb.word + " "
                    + object.getClass().getSimpleName().toLowerCase() + "): " + problem;
        }
        operations.add(new Operation(verb, object));
        return this;
    }

    private static String validate(Verb verb, NftObject object) {
        return switch (object) {
            case NftObject.Table t -> null;
            case NftObject.Chain c -> name("chain", c.name());
            case NftObject.Rule r -> {
                if (verb != Verb.ADD) {
                    yield "rules are only added (a chain is flushed to remove them)";
                }
                String n = name("chain", r.chain());
                if (n != null) {
                    yield n;
                }
                if (r.body() == null || r.body().isBlank() || r.body().contains("\n") || r.body().contains(";")) {
                    yield "rule body must be one non-empty statement list without ';' or newline: \"" + r.body() + "\"";
                }
                yield r.comment() != null && COMMENT.matcher(r.comment()).matches() ? null
                        : "rule comment \"" + r.comment() + "\" must be 1-128 of [A-Za-z0-9_./:#-]";
            }
            case NftObject.NftSet s -> {
                String n = name("set", s.name());
                yield n != null || verb != Verb.ADD || (s.type() != null && !s.type().isBlank()) ? n
                        : "set " + s.name() + " needs a type";
            }
            case NftObject.Elements e -> {
                if (verb == Verb.FLUSH) {
                    yield "elements cannot be flushed (flush the set)";
                }
                String n = name("set", e.set());
                yield n != null ? n : e.keys().isEmpty() ? "no elements for set " + e.set()
                        : e.keys().stream().anyMatch(k -> k.isBlank() || k.contains(",") || k.contains("}"))
                        ? "malformed element in set " + e.set() + ": " + e.keys() : null;
            }
        };
    }

    private static String name(String what, String name) {
        return name != null && NAME.matcher(name).matches() ? null
                : what + " name \"" + name + "\" must match " + NAME.pattern();
    }

    @Override
    public String toString() {
        StringBuilder script = new StringBuilder(operations.size() * 64);
        for (Operation op : operations) {
            script.append(op.line()).append('\n');
        }
        return script.toString();
    }
}
