package dev.palisade.model.selector;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The canonical text of a selector (spec §3.4) together with its unique id, which is derived from the text on
 * first use and then kept: ids name IP sets and are asked for often, hashing them each time would be waste.
 * Only this package creates instances, always from the parts of the selector that carries it.
 */
public final class Canonical {

    private final String text;
    // Racy single-check caching (as String.hashCode does): the value is deterministic and a String is safely
    // published through its final fields, so a thread that sees null merely computes it again.
    private String uniqueId;

    Canonical(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public String uniqueId() {
        String id = uniqueId;
        if (id == null) {
            id = UniqueIds.make("s", text);
            uniqueId = id;
        }
        return id;
    }

    static Canonical comparison(String label, String operator, String value) {
        return new Canonical(label + " " + operator + " " + quoted(value));
    }

    static Canonical set(String label, String operator, Set<String> values) {
        StringJoiner members = new StringJoiner(", ", label + " " + operator + " {", "}");
        values.stream().sorted(Canonical::compareUtf8).forEach(value -> members.add(quoted(value)));
        return new Canonical(members.toString());
    }

    static Canonical junction(List<Selector> operands, String separator) {
        StringJoiner joined = new StringJoiner(separator, "(", ")");
        for (Selector operand : operands) {
            joined.add(operand.canonical());
        }
        return new Canonical(joined.toString());
    }

    /** A literal as Calico prints it: in double quotes unless it contains one, then in single quotes. */
    static String quoted(String value) {
        char quote = value.indexOf('"') >= 0 ? '\'' : '"';
        return quote + value + quote;
    }

    /**
     * Calico sorts set members as Go strings, by UTF-8 bytes; that is code point order, which differs from
     * {@link String#compareTo} (UTF-16 units) once characters above U+FFFF meet ones in U+E000..U+FFFF.
     */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Canonical that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
