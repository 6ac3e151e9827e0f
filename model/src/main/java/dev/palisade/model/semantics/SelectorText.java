package dev.palisade.model.semantics;

import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;

/** Parses selectors found in resources, naming the resource and field when one is not a selector. */
final class SelectorText {

    private SelectorText() {
    }

    static Selector parse(String text, String where) {
        try {
            return Selectors.parse(text == null ? "" : text);
        } catch (SelectorParseException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
