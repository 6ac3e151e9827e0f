package dev.palisade.model.selector;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.palisade.model.selector.SelectorSyntax.requireLabel;
import static dev.palisade.model.selector.SelectorSyntax.requireValue;

/**
 * A parsed Calico label selector (spec §3): one record per AST node. Obtain one with {@link Selectors#parse};
 * the short constructors build nodes directly and compute the canonical form once, at construction.
 *
 * <p>{@link #matches} reads labels with {@link Map#get} only and allocates nothing; a label mapped to
 * {@code null} counts as absent.
 */
public sealed interface Selector {

    boolean matches(Map<String, String> labels);

    /** The canonical text and unique id, computed when the node was built. */
    Canonical form();

    /** Every label name the selector reads: only a change to one of these can change its result. */
    Set<String> labelNames();

    /** Canonical text (spec §3.4), e.g. {@code (a == "b" && !has(c))}. */
    default String canonical() {
        return form().text();
    }

    /** {@code "s:" + base64url_nopad(SHA-224("s:" + canonical()))}, the name of the selector's IP set. */
    default String uniqueId() {
        return form().uniqueId();
    }

    /** A test of one label: the only name it reads is that label. */
    sealed interface LabelTest extends Selector {
        String label();

        @Override
        default Set<String> labelNames() {
            return Set.of(label());
        }
    }

    /** {@code all()}, also what an empty selector means: always true. */
    record All() implements Selector {
        private static final Canonical FORM = new Canonical("all()");

        @Override
        public boolean matches(Map<String, String> labels) {
            return true;
        }

        @Override
        public Canonical form() {
            return FORM;
        }

        @Override
        public Set<String> labelNames() {
            return Set.of();
        }
    }

    /** {@code global()}: always true when evaluated; it means "not namespaced" only in a namespaceSelector. */
    record Global() implements Selector {
        private static final Canonical FORM = new Canonical("global()");

        @Override
        public boolean matches(Map<String, String> labels) {
            return true;
        }

        @Override
        public Canonical form() {
            return FORM;
        }

        @Override
        public Set<String> labelNames() {
            return Set.of();
        }
    }

    /** {@code has(label)}: the label is present, whatever its value (even empty). */
    record Has(String label, Canonical form) implements LabelTest {
        public Has(String label) {
            this(requireLabel(label), new Canonical("has(" + label + ")"));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return labels.get(label) != null;
        }
    }

    /** {@code label == "value"}: present and equal. */
    record Equals(String label, String value, Canonical form) implements LabelTest {
        public Equals(String label, String value) {
            this(requireLabel(label), requireValue(value), Canonical.comparison(label, "==", value));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return value.equals(labels.get(label));
        }
    }

    /** {@code label != "value"}: absent, or present with another value. */
    record NotEquals(String label, String value, Canonical form) implements LabelTest {
        public NotEquals(String label, String value) {
            this(requireLabel(label), requireValue(value), Canonical.comparison(label, "!=", value));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return !value.equals(labels.get(label));
        }
    }

    /** {@code label contains "part"}: present and holding the substring. */
    record Contains(String label, String value, Canonical form) implements LabelTest {
        public Contains(String label, String value) {
            this(requireLabel(label), requireValue(value), Canonical.comparison(label, "contains", value));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual != null && actual.contains(value);
        }
    }

    /** {@code label starts with "prefix"}. */
    record StartsWith(String label, String value, Canonical form) implements LabelTest {
        public StartsWith(String label, String value) {
            this(requireLabel(label), requireValue(value), Canonical.comparison(label, "starts with", value));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual != null && actual.startsWith(value);
        }
    }

    /** {@code label ends with "suffix"}. */
    record EndsWith(String label, String value, Canonical form) implements LabelTest {
        public EndsWith(String label, String value) {
            this(requireLabel(label), requireValue(value), Canonical.comparison(label, "ends with", value));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual != null && actual.endsWith(value);
        }
    }

    /** {@code label in {"a", "b"}}: present with one of the values; an empty set never matches. */
    record In(String label, Set<String> values, Canonical form) implements LabelTest {
        public In(String label, Collection<String> values) {
            this(requireLabel(label), copyValues(values));
        }

        private In(String label, Set<String> values) {
            this(label, values, Canonical.set(label, "in", values));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual != null && values.contains(actual);
        }
    }

    /** {@code label not in {"a", "b"}}: absent, or present with none of the values. */
    record NotIn(String label, Set<String> values, Canonical form) implements LabelTest {
        public NotIn(String label, Collection<String> values) {
            this(requireLabel(label), copyValues(values));
        }

        private NotIn(String label, Set<String> values) {
            this(label, values, Canonical.set(label, "not in", values));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual == null || !values.contains(actual);
        }
    }

    /** {@code !operand}. */
    record Not(Selector operand, Canonical form) implements Selector {
        public Not(Selector operand) {
            this(singleNegation(operand), new Canonical("!" + operand.canonical()));
        }

        /** "!!x" parses back as x (negations cancel), so a double negation would not print as itself. */
        private static Selector singleNegation(Selector operand) {
            if (operand instanceof Not) {
                throw new IllegalArgumentException("a negation of a negation is its operand: " + operand.canonical());
            }
            return operand;
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return !operand.matches(labels);
        }

        @Override
        public Set<String> labelNames() {
            return operand.labelNames();
        }
    }

    /** {@code (a && b && …)}, two operands or more, evaluated left to right until one is false. */
    record And(List<Selector> operands, Canonical form) implements Selector {
        public And(List<Selector> operands) {
            this(copyOperands(operands), " && ");
        }

        private And(List<Selector> operands, String separator) {
            this(operands, Canonical.junction(operands, separator));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            // Indexed loop: an iterator would be an allocation per call.
            for (int i = 0; i < operands.size(); i++) {
                if (!operands.get(i).matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Set<String> labelNames() {
            return unionOfLabelNames(operands);
        }
    }

    /** {@code (a || b || …)}, two operands or more, evaluated left to right until one is true. */
    record Or(List<Selector> operands, Canonical form) implements Selector {
        public Or(List<Selector> operands) {
            this(copyOperands(operands), " || ");
        }

        private Or(List<Selector> operands, String separator) {
            this(operands, Canonical.junction(operands, separator));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            for (int i = 0; i < operands.size(); i++) {
                if (operands.get(i).matches(labels)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Set<String> labelNames() {
            return unionOfLabelNames(operands);
        }
    }

    private static Set<String> copyValues(Collection<String> values) {
        for (String value : values) {
            requireValue(value);
        }
        return Set.copyOf(values);
    }

    /** Fewer than two operands would print as "(x)", which parses back as plain x: a different canonical form. */
    private static List<Selector> copyOperands(List<Selector> operands) {
        if (operands.size() < 2) {
            throw new IllegalArgumentException("&& and || need at least two operands, got " + operands.size());
        }
        return List.copyOf(operands);
    }

    private static Set<String> unionOfLabelNames(List<Selector> operands) {
        Set<String> names = new LinkedHashSet<>();
        for (Selector operand : operands) {
            names.addAll(operand.labelNames());
        }
        return Set.copyOf(names);
    }
}
