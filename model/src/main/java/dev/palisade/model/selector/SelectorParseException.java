package dev.palisade.model.selector;

/** A selector text that does not follow the grammar of spec §3; says what was expected and where. */
public final class SelectorParseException extends IllegalArgumentException {

    private final String selector;
    private final int position;
    private final String reason;

    SelectorParseException(String selector, int position, String reason) {
        super("selector " + quote(selector) + " at position " + position + ": " + reason);
        this.selector = selector;
        this.position = position;
        this.reason = reason;
    }

    /** The text that failed to parse. */
    public String selector() {
        return selector;
    }

    /** 0-based char offset in {@link #selector()} of the problem; its length when the text ended too early. */
    public int position() {
        return position;
    }

    /** The message without the selector and position, e.g. {@code expected a quoted string}. */
    public String reason() {
        return reason;
    }

    /** Escapes only what would make the message ambiguous or multi-line; positions still count raw chars. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
