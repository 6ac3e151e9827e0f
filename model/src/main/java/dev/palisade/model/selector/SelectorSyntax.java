package dev.palisade.model.selector;

/** Lexical rules shared by the parser and the AST constructors (spec §3.1). */
final class SelectorSyntax {

    static final int MAX_LABEL_LENGTH = 512;

    private SelectorSyntax() {
    }

    static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '/' || c == '-';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Rejects label names no selector text could contain, so every AST prints as a selector that parses. */
    static String requireLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("label name must be 1 to " + MAX_LABEL_LENGTH
                    + " characters long, got " + label.length());
        }
        for (int i = 0; i < label.length(); i++) {
            if (!isLabelChar(label.charAt(i))) {
                throw new IllegalArgumentException("label name \"" + label + "\" has a character outside"
                        + " [A-Za-z0-9_./-] at index " + i);
            }
        }
        return label;
    }

    /** A literal has no escapes, so it can hold one kind of quote but never both. */
    static String requireValue(String value) {
        if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a selector value cannot contain both ' and \": " + value);
        }
        return value;
    }
}
