package dev.palisade.model.semantics;

import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.Selectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The selector behind a rule peer's IP set (spec §4.10), as Felix rewrites it: {@code namespaceSelector} and
 * {@code serviceAccounts} are AND-ed in over prefixed label names. One definition for the simulator, which
 * tests labels against it, and the policy calculator, which turns it into an IP set.
 */
public final class PeerSelectors {

    public static final String NAMESPACE_LABEL = "projectcalico.org/namespace";
    public static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";
    private static final String NAMESPACE_PREFIX = "pcns.";
    private static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";

    private PeerSelectors() {
    }

    /**
     * The selector the peer's address must match, or null when the peer has none. An empty
     * {@code serviceAccounts} match ({@code {}}) adds nothing. {@code where} names the peer in errors.
     * A {@code services} match is the caller's business: it never selects a host endpoint or network set.
     */
    public static Selector positive(EntityRule e, String where) {
        List<Selector> parts = new ArrayList<>();
        String ns = e.namespaceSelector().trim();
        if (!ns.isEmpty()) {
            parts.add(namespaces(SelectorText.parse(ns, where + ".namespaceSelector")));
        }
        if (e.serviceAccounts() != null) {
            if (!e.serviceAccounts().names().isEmpty()) {
                parts.add(new Selector.In(SERVICE_ACCOUNT_LABEL, e.serviceAccounts().names()));
            }
            if (!e.serviceAccounts().selector().isBlank()) {
                parts.add(prefixed(SelectorText.parse(e.serviceAccounts().selector(),
                        where + ".serviceAccounts.selector"), SERVICE_ACCOUNT_PREFIX));
            }
        }
        if (!e.selector().isBlank()) {
            parts.add(SelectorText.parse(e.selector(), where + ".selector"));
        }
        return switch (parts.size()) {
            case 0 -> null;
            case 1 -> parts.getFirst();
            // Re-parsed from text so that the combined selector has the canonical form (and IP-set id) that
            // writing it out by hand would give.
            default -> Selectors.parse("(" + String.join(") && (", parts.stream().map(Selector::canonical).toList())
                    + ")");
        };
    }

    /** The selector of {@code notSelector}, or null when the peer has none. */
    public static Selector negative(EntityRule e, String where) {
        return e.notSelector().isBlank() ? null : SelectorText.parse(e.notSelector(), where + ".notSelector");
    }

    /** Felix special-cases the whole selector {@code global()} and {@code all()}; anything else is prefixed. */
    private static Selector namespaces(Selector s) {
        return switch (s) {
            case Selector.Global g -> new Selector.Not(new Selector.Has(NAMESPACE_LABEL));
            case Selector.All a -> new Selector.Has(NAMESPACE_LABEL);
            default -> prefixed(s, NAMESPACE_PREFIX);
        };
    }

    /** The same selector over label names carrying {@code prefix}. */
    static Selector prefixed(Selector s, String prefix) {
        return switch (s) {
            case Selector.All a -> a;
            case Selector.Global g -> g;
            case Selector.Has x -> new Selector.Has(prefix + x.label());
            case Selector.Equals x -> new Selector.Equals(prefix + x.label(), x.value());
            case Selector.NotEquals x -> new Selector.NotEquals(prefix + x.label(), x.value());
            case Selector.Contains x -> new Selector.Contains(prefix + x.label(), x.value());
            case Selector.StartsWith x -> new Selector.StartsWith(prefix + x.label(), x.value());
            case Selector.EndsWith x -> new Selector.EndsWith(prefix + x.label(), x.value());
            case Selector.In x -> new Selector.In(prefix + x.label(), x.values());
            case Selector.NotIn x -> new Selector.NotIn(prefix + x.label(), x.values());
            case Selector.Not x -> new Selector.Not(prefixed(x.operand(), prefix));
            case Selector.And x -> new Selector.And(x.operands().stream().map(o -> prefixed(o, prefix)).toList());
            case Selector.Or x -> new Selector.Or(x.operands().stream().map(o -> prefixed(o, prefix)).toList());
        };
    }
}
