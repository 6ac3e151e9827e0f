package dev.palisade.calculator.engine;

import dev.palisade.model.selector.Selector;

import java.util.Set;

/**
 * A label every item a selector can match must carry: {@code label} present, with one of {@code values}
 * when that is non-null. It lets the label index evaluate a new item against only the selectors that could
 * match it, and a new selector against only the items that could match, instead of everything.
 */
record LabelRestriction(String label, Set<String> values) {

    /** The most selective restriction the selector implies, or null when it can match items lacking any label. */
    static LabelRestriction of(Selector selector) {
        return switch (selector) {
            case Selector.Has h -> new LabelRestriction(h.label(), null);
            case Selector.Equals e -> new LabelRestriction(e.label(), Set.of(e.value()));
            case Selector.In in -> new LabelRestriction(in.label(), in.values());
            case Selector.Contains c -> new LabelRestriction(c.label(), null);
            case Selector.StartsWith s -> new LabelRestriction(s.label(), null);
            case Selector.EndsWith e -> new LabelRestriction(e.label(), null);
            case Selector.And and -> mostSelective(and);
            default -> null;
        };
    }

    private static LabelRestriction mostSelective(Selector.And and) {
        LabelRestriction best = null;
        for (Selector operand : and.operands()) {
            LabelRestriction r = of(operand);
            if (r != null && (best == null || r.narrowerThan(best))) {
                best = r;
            }
        }
        return best;
    }

    private boolean narrowerThan(LabelRestriction other) {
        if (values == null) {
            return false;
        }
        return other.values == null || values.size() < other.values.size();
    }
}
