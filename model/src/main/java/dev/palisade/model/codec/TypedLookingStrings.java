package dev.palisade.model.codec;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which strings the YAML writer must quote. Jackson's default quotes what YAML 1.2 would misread, but
 * users feed our output to YAML 1.1 readers too (PyYAML, SnakeYAML, Go's yaml.v2 behind calicoctl and kubectl),
 * and those take {@code 1.10} for the float 1.1, {@code 22:25} for the base-60 integer 1345, {@code on} for
 * true and {@code 2001-12-14} for a date. A label {@code ver: "1.10"} written bare would silently become
 * {@code 1.1} after one round trip, so every plain scalar that any of those resolvers would type is quoted.
 * The patterns are the implicit resolvers of YAML 1.1 (as PyYAML and SnakeYAML write them) and of the
 * YAML 1.2 core schema, joined.
 */
final class TypedLookingStrings extends StringQuotingChecker {

    private static final List<Pattern> RESOLVERS = List.of(
            // YAML 1.1 bool, including the single letters the spec lists and PyYAML leaves out
            Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
            // YAML 1.1 int: binary, octal, decimal, hex, base 60, underscores allowed
            Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"),
            // YAML 1.1 float (PyYAML's and SnakeYAML's variants), base 60, infinities and NaN
            Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?(?:\\.[0-9]+|[0-9_]+(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"),
            // YAML 1.2 core int and float forms not covered above
            Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
            Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"),
            // null in both versions
            Pattern.compile("~|null|Null|NULL"),
            // YAML 1.1 timestamp: a date, or a date and time
            Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?"),
            // YAML 1.1 merge key and value key
            Pattern.compile("<<|="));

    private final StringQuotingChecker base = StringQuotingChecker.Default.instance();

    @Override
    public boolean needToQuoteName(String name) {
        return base.needToQuoteName(name) || mustQuote(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return base.needToQuoteValue(value) || mustQuote(value);
    }

    /** True when a YAML 1.1 or 1.2 reader would not read {@code s}, written plain, back as that same string. */
    static boolean mustQuote(String s) {
        if (s.isEmpty() || !s.strip().equals(s) || hasBreakOrControl(s)) {
            return true;
        }
        for (Pattern p : RESOLVERS) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Line breaks other than {@code \n} (NEL, LS, PS), tabs and control characters: plain and single-quoted
     * scalars fold or drop them, so only the double-quoted style, with escapes, keeps them.
     */
    private static boolean hasBreakOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff
                    || (c >= 0x80 && c < 0xa0)) {
                return true;
            }
        }
        return false;
    }
}
