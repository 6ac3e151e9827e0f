package dev.palisade.calculator.engine;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;
import dev.palisade.model.validation.BuiltIns;

import java.util.Comparator;
import java.util.Map;

/**
 * Evaluation order of policies (spec §4.4): tiers that exist before missing ones, then by tier order (null
 * last), then tier name; within a tier by policy order (null last), ties by {@code name/namespace/kind}.
 * Calico's built-in tiers exist even when the datastore has not listed them.
 */
final class PolicyOrder {

    private static final Map<String, TierSpec> BUILT_IN_TIERS = BuiltIns.tiers().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(t -> t.metadata().name(), Tier::spec));

    private PolicyOrder() {
    }

    /** The tier's spec, or null when the tier does not exist. */
    static TierSpec tier(Map<String, TierSpec> tiers, String name) {
        TierSpec t = tiers.get(name);
        return t != null ? t : BUILT_IN_TIERS.get(name);
    }

    static Comparator<GlobalNetworkPolicy> comparator(Map<String, TierSpec> tiers) {
        Comparator<GlobalNetworkPolicy> byTierExistence =
                Comparator.comparing(p -> tier(tiers, p.spec().tierOrDefault()) == null);
        return byTierExistence
                .thenComparing(p -> orderOf(tier(tiers, p.spec().tierOrDefault())), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> p.spec().tierOrDefault())
                .thenComparing(p -> p.spec().order(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(PolicyOrder::tieBreak);
    }

    private static Double orderOf(TierSpec t) {
        return t == null ? null : t.order();
    }

    private static String tieBreak(GlobalNetworkPolicy p) {
        String ns = p.metadata().namespace() == null ? "" : p.metadata().namespace();
        return p.metadata().name() + "/" + ns + "/" + p.kind().kindName();
    }
}
