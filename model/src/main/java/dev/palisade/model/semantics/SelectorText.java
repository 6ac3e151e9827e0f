package dev.palisade.model.semantics;

import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses selectors found in resources, naming the resource and field when one is not a selector. Parsed
 * selectors are remembered by text: the lockout guard builds two worlds per write and every one parses the
 * same thousands of policy and rule selectors. The memory is emptied when it grows past a bound, so a
 * long-running service that sees ever new selectors does not keep them all.
 */
final class SelectorText {

    private static final int REMEMBERED = 50_000;
    private static final Map<String, Selector> PARSED = new ConcurrentHashMap<>();

    private SelectorText() {
    }

    static Selector parse(String text, String where) {
        String t = text == null ? "" : text;
        Selector known = PARSED.get(t);
        if (known != null) {
            return known;
        }
        try {
            Selector parsed = Selectors.parse(t);
            if (PARSED.size() >= REMEMBERED) {
                PARSED.clear();
            }
            PARSED.put(t, parsed);
            return parsed;
        } catch (SelectorParseException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
