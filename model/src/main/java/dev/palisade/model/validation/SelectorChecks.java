package dev.palisade.model.validation;

import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;

/** Syntax, length and {@code global()} placement of selector fields. */
final class SelectorChecks {

    static final int MAX_LENGTH = 1024;
    static final String GLOBAL_ONLY_IN_NAMESPACE_SELECTOR =
            "global() can only be used in an EntityRule namespaceSelector";
    private static final String GLOBAL_CALL = "global(";

    private SelectorChecks() {
    }

    /** Any selector field: at most 1024 characters and parseable (empty means all()). */
    static void syntax(String path, String selector, Problems problems) {
        parsed(path, selector, problems);
    }

    /**
     * Fields where {@code global()} has no meaning. Calico tests for the substring, so even a quoted literal
     * containing it is refused.
     */
    static void withoutGlobal(String path, String selector, Problems problems) {
        if (selector.contains(GLOBAL_CALL)) {
            problems.add(path, GLOBAL_ONLY_IN_NAMESPACE_SELECTOR);
        } else {
            syntax(path, selector, problems);
        }
    }

    /** An EntityRule namespaceSelector: {@code global()} is allowed, but only on its own. */
    static void namespaceSelector(String path, String selector, Problems problems) {
        Selector parsed = parsed(path, selector, problems);
        if (parsed != null && selector.contains(GLOBAL_CALL) && !(parsed instanceof Selector.Global)) {
            problems.add(path, "global() cannot be combined with other selectors");
        }
    }

    private static Selector parsed(String path, String selector, Problems problems) {
        if (selector.length() > MAX_LENGTH) {
            problems.add(path, "selector is too long: " + selector.length() + " characters (at most "
                    + MAX_LENGTH + ")");
            return null;
        }
        try {
            return Selectors.parse(selector);
        } catch (SelectorParseException e) {
            problems.add(path, "invalid selector at position " + e.position() + ": " + e.reason());
            return null;
        }
    }
}
