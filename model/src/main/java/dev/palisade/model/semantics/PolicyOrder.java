package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.NetworkPolicy;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Tier;

import java.util.Comparator;

/**
 * Calico's evaluation order (spec §4.4), the one definition every component uses: the simulator here, and
 * the policy calculator when it lays out chains. Rules keep list order and profiles keep
 * {@code spec.profiles} order, so only tiers and policies need comparing.
 */
public final class PolicyOrder {

    /** A tier as ordering sees it; {@code exists} is false for a tier that policies name but nobody created. */
    public record TierKey(String name, boolean exists, Double order) {

        public static TierKey of(String name, Tier tierOrNull) {
            return new TierKey(name, tierOrNull != null, tierOrNull == null ? null : tierOrNull.spec().order());
        }
    }

    /** A policy as ordering sees it; {@code namespace} is empty for cluster-scoped kinds. */
    public record PolicyKey(Double order, String name, String namespace, String kind) {

        public static PolicyKey of(GlobalNetworkPolicy p) {
            return of(p, p.spec().order());
        }

        public static PolicyKey of(NetworkPolicy p) {
            return of(p, p.spec().order());
        }

        private static PolicyKey of(Resource p, Double order) {
            String ns = p.metadata().namespace() == null ? "" : p.metadata().namespace();
            return new PolicyKey(order, p.metadata().name(), ns, p.kind().kindName());
        }

        /** Felix's tie-break text: at equal order, {@code a-b} and {@code a.b} sort before {@code a}. */
        String tieBreak() {
            return name + "/" + namespace + "/" + kind;
        }
    }

    /** Existing tiers first, then by order (unset last), then by name. */
    public static final Comparator<TierKey> TIERS = (a, b) -> {
        if (a.exists() != b.exists()) {
            return a.exists() ? -1 : 1;
        }
        int c = compareOrder(a.order(), b.order());
        return c != 0 ? c : a.name().compareTo(b.name());
    };

    /**
     * Within one tier: by order (unset last), then by {@code name/namespace/kind} compared as one text. The
     * calculator sorts an endpoint's ~50 policies for every endpoint a change touches, so the text is not built.
     */
    public static final Comparator<PolicyKey> POLICIES = (a, b) -> {
        int c = compareOrder(a.order(), b.order());
        return c != 0 ? c : compareTieBreak(a, b);
    };

    /** An unset order is +infinity: it goes after every number. */
    private static int compareOrder(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return Double.compare(a, b);
    }

    /** {@code a.tieBreak().compareTo(b.tieBreak())}, reading the parts in place instead of concatenating them. */
    static int compareTieBreak(PolicyKey a, PolicyKey b) {
        int lengthA = tieBreakLength(a);
        int lengthB = tieBreakLength(b);
        for (int i = 0, n = Math.min(lengthA, lengthB); i < n; i++) {
            char ca = tieBreakChar(a, i);
            char cb = tieBreakChar(b, i);
            if (ca != cb) {
                return ca - cb;
            }
        }
        return lengthA - lengthB;
    }

    private static int tieBreakLength(PolicyKey k) {
        return k.name().length() + 1 + k.namespace().length() + 1 + k.kind().length();
    }

    /** Character {@code i} of {@code name/namespace/kind}. */
    private static char tieBreakChar(PolicyKey k, int i) {
        int name = k.name().length();
        if (i < name) {
            return k.name().charAt(i);
        }
        int namespaceStart = name + 1;
        int namespaceEnd = namespaceStart + k.namespace().length();
        if (i == name || i == namespaceEnd) {
            return '/';
        }
        return i < namespaceEnd ? k.namespace().charAt(i - namespaceStart) : k.kind().charAt(i - namespaceEnd - 1);
    }

    private PolicyOrder() {
    }
}
