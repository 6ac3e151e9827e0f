package dev.palisade.model.validation;

import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;

/** A built-in tier may be written, but only with its fixed order and default action (spec §1.4). */
final class TierChecks {

    private TierChecks() {
    }

    static void check(Tier tier, Problems problems) {
        String name = tier.metadata() == null ? null : tier.metadata().name();
        BuiltIns.tier(name == null ? "" : name).ifPresent(builtIn -> {
            TierSpec expected = builtIn.spec();
            if (tier.spec().defaultActionOrDeny() != expected.defaultAction()) {
                problems.add("spec.defaultAction", "the '" + name + "' tier must have default action '"
                        + expected.defaultAction() + "'");
            }
            if (!expected.order().equals(tier.spec().order())) {
                problems.add("spec.order", "the '" + name + "' tier must have order "
                        + expected.order().longValue());
            }
        });
    }
}
