package dev.palisade.model.selector;

import java.util.Objects;

/** Entry point to the selector language: parsing, and the selector that matches everything. */
public final class Selectors {

    /** {@code all()}; also the meaning of an empty or blank selector. */
    public static final Selector ALL = new Selector.All();

    private Selectors() {
    }

    /**
     * Parses a selector (spec §3.1–3.2) in one left-to-right pass.
     *
     * @throws SelectorParseException if the text is not a selector
     */
    public static Selector parse(String text) {
        return new SelectorParser(Objects.requireNonNull(text, "selector text")).parse();
    }
}
