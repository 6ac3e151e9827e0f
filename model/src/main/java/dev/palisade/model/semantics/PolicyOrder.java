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

    /** An unset order is +infinity: it goes after every number. */
    private static final Comparator<Double> ORDER = Comparator.nullsLast(Double::compare);

    /** Existing tiers first, then by order (unset last), then by name. */
    public static final Comparator<TierKey> TIERS = Comparator
            .comparing((TierKey t) -> !t.exists())
            .thenComparing(TierKey::order, ORDER)
            .thenComparing(TierKey::name);

    /** Within one tier: by order (unset last), then by {@code name/namespace/kind}. */
    public static final Comparator<PolicyKey> POLICIES = Comparator
            .comparing(PolicyKey::order, ORDER)
            .thenComparing(PolicyKey::tieBreak);

    private PolicyOrder() {
    }
}
