package dev.palisade.model.selector;

import java.util.ArrayList;
import java.util.List;

import static dev.palisade.model.selector.SelectorSyntax.MAX_LABEL_LENGTH;
import static dev.palisade.model.selector.SelectorSyntax.isBlank;
import static dev.palisade.model.selector.SelectorSyntax.isLabelChar;

/**
 * Recursive-descent parser over the raw text, one instance per parse. It scans on demand instead of
 * tokenising first because operator words are only words right after a label (spec §3.1): the parser knows
 * when that is, so keywords stay usable as label names.
 */
final class SelectorParser {

    /** Deep enough for any selector within the 1024-char limit; keeps hostile input off the stack's edge. */
    private static final int MAX_NESTING = 512;
    private static final String PRIMARY = "a label, has(label), all(), global(), '!' or '('";
    private static final String OPERATOR = "an operator (==, !=, contains, starts with, ends with, in, not in)";

    private final String text;
    private int pos;
    private int nesting;

    SelectorParser(String text) {
        this.text = text;
    }

    Selector parse() {
        skipBlanks();
        if (atEnd()) {
            return Selectors.ALL;
        }
        Selector selector = orExpression();
        skipBlanks();
        if (!atEnd()) {
            throw error(pos, "expected '&&', '||' or the end of the selector, found " + describeNext());
        }
        return selector;
    }

    private Selector orExpression() {
        Selector first = andExpression();
        if (!skipBlanksAndConsume("||")) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        do {
            operands.add(andExpression());
        } while (skipBlanksAndConsume("||"));
        return new Selector.Or(operands);
    }

    private Selector andExpression() {
        Selector first = unary();
        if (!skipBlanksAndConsume("&&")) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        do {
            operands.add(unary());
        } while (skipBlanksAndConsume("&&"));
        return new Selector.And(operands);
    }

    /** Leading '!'s apply to one primary and cancel in pairs, as in Calico. */
    private Selector unary() {
        boolean negated = false;
        while (true) {
            skipBlanks();
            if (at('!') && !lookingAt("!=")) {
                negated = !negated;
                pos++;
            } else {
                break;
            }
        }
        Selector primary = primary();
        return negated ? new Selector.Not(primary) : primary;
    }

    private Selector primary() {
        skipBlanks();
        int start = pos;
        if (at('(')) {
            return parenthesised(start);
        }
        if (lookingAt("has(")) {
            pos += "has(".length();
            skipBlanks();
            String label = label("expected a label name inside has(");
            closeCall("has(");
            return new Selector.Has(label);
        }
        if (lookingAt("all(")) {
            pos += "all(".length();
            closeCall("all(");
            return Selectors.ALL;
        }
        if (lookingAt("global(")) {
            pos += "global(".length();
            closeCall("global(");
            return new Selector.Global();
        }
        if (!atEnd() && isLabelChar(text.charAt(pos))) {
            return comparison(label(null));
        }
        throw error(start, "expected " + PRIMARY + ", found " + describeNext());
    }

    private Selector parenthesised(int open) {
        if (++nesting > MAX_NESTING) {
            throw error(open, "parentheses nested deeper than " + MAX_NESTING + " levels");
        }
        pos++;
        Selector inner = orExpression();
        skipBlanks();
        if (!at(')')) {
            throw error(pos, "expected '&&', '||' or ')' to close the '(' at position " + open
                    + ", found " + describeNext());
        }
        pos++;
        nesting--;
        return inner;
    }

    private void closeCall(String call) {
        skipBlanks();
        if (!at(')')) {
            throw error(pos, "expected ')' to close " + call + ", found " + describeNext());
        }
        pos++;
    }

    private Selector comparison(String label) {
        skipBlanks();
        int operatorStart = pos;
        if (consume("==")) {
            return new Selector.Equals(label, literal("expected a quoted string"));
        }
        if (consume("!=")) {
            return new Selector.NotEquals(label, literal("expected a quoted string"));
        }
        if (consumeWord("contains")) {
            return new Selector.Contains(label, literal("expected a quoted string"));
        }
        if (consumeWords("starts", "with")) {
            return new Selector.StartsWith(label, literal("expected a quoted string"));
        }
        if (consumeWords("ends", "with")) {
            return new Selector.EndsWith(label, literal("expected a quoted string"));
        }
        if (consumeWords("not", "in")) {
            return new Selector.NotIn(label, setLiteral());
        }
        if (consumeWord("in")) {
            return new Selector.In(label, setLiteral());
        }
        String hint = at('(') && (label.equals("has") || label.equals("all") || label.equals("global"))
                ? " (no blank is allowed between " + label + " and '(')"
                : "";
        throw error(operatorStart,
                "expected " + OPERATOR + " after label '" + label + "', found " + describeNext() + hint);
    }

    private List<String> setLiteral() {
        skipBlanks();
        if (!at('{')) {
            throw error(pos, "expected '{' to start a set of quoted strings, found " + describeNext());
        }
        pos++;
        List<String> values = new ArrayList<>();
        skipBlanks();
        while (!at('}')) {
            values.add(literal("expected a quoted string or '}'"));
            skipBlanks();
            if (at(',')) {
                pos++;
                skipBlanks();
            } else if (!at('}')) {
                throw error(pos, "expected ',' or '}', found " + describeNext());
            }
        }
        pos++;
        return values;
    }

    private String literal(String expectation) {
        skipBlanks();
        if (!at('"') && !at('\'')) {
            throw error(pos, expectation + ", found " + describeNext());
        }
        char quote = text.charAt(pos);
        int close = text.indexOf(quote, pos + 1);
        if (close < 0) {
            throw error(pos, "unterminated string: no closing " + quote + " for the one at position " + pos);
        }
        String value = text.substring(pos + 1, close);
        pos = close + 1;
        return value;
    }

    /** @param missing the reason to report when there is no label here; null when the caller checked */
    private String label(String missing) {
        int start = pos;
        while (!atEnd() && isLabelChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(start, missing + ", found " + describeNext());
        }
        if (pos - start > MAX_LABEL_LENGTH) {
            throw error(start, "label name is " + (pos - start) + " characters long, at most " + MAX_LABEL_LENGTH
                    + " are allowed");
        }
        return text.substring(start, pos);
    }

    /** An operator word counts only when it ends where a label could not go on ("inside" is not "in"). */
    private boolean consumeWord(String word) {
        if (lookingAt(word) && !isLabelCharAt(pos + word.length())) {
            pos += word.length();
            return true;
        }
        return false;
    }

    /** Two-word operators allow any blanks between the words, none included ("startswith"). */
    private boolean consumeWords(String first, String second) {
        if (!lookingAt(first)) {
            return false;
        }
        int afterFirst = pos + first.length();
        int next = afterFirst;
        while (next < text.length() && isBlank(text.charAt(next))) {
            next++;
        }
        if (text.startsWith(second, next) && !isLabelCharAt(next + second.length())) {
            pos = next + second.length();
            return true;
        }
        if (!isLabelCharAt(afterFirst)) {
            throw error(next, "expected '" + second + "' after '" + first + "', found " + describeAt(next));
        }
        return false;
    }

    private boolean skipBlanksAndConsume(String token) {
        skipBlanks();
        return consume(token);
    }

    private boolean consume(String token) {
        if (lookingAt(token)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private boolean at(char c) {
        return !atEnd() && text.charAt(pos) == c;
    }

    private boolean lookingAt(String token) {
        return text.startsWith(token, pos);
    }

    private boolean isLabelCharAt(int index) {
        return index < text.length() && isLabelChar(text.charAt(index));
    }

    private String describeNext() {
        return describeAt(pos);
    }

    private String describeAt(int index) {
        if (index >= text.length()) {
            return "the end of the selector";
        }
        char c = text.charAt(index);
        if (c == '"' || c == '\'') {
            return "a quoted string";
        }
        if (isLabelChar(c)) {
            int end = index;
            while (end < text.length() && isLabelChar(text.charAt(end)) && end - index < 40) {
                end++;
            }
            return "'" + text.substring(index, end) + "'";
        }
        for (String pair : new String[] {"==", "!=", "&&", "||"}) {
            if (text.startsWith(pair, index)) {
                return "'" + pair + "'";
            }
        }
        return switch (c) {
            case '\n' -> "a newline (only spaces and tabs may separate tokens)";
            case '\r' -> "a carriage return (only spaces and tabs may separate tokens)";
            default -> Character.isISOControl(c) ? String.format("character U+%04X", (int) c) : "'" + c + "'";
        };
    }

    private SelectorParseException error(int position, String reason) {
        return new SelectorParseException(text, position, reason);
    }
}
