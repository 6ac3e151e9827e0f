package dev.palisade.model.validation;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.NetworkPolicy;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;

import java.util.HashMap;
import java.util.Map;

/**
 * What Calico fills in before validating (spec §1.2, §2): a policy's tier ({@code default} when unset), its
 * {@code projectcalico.org/tier} label, and its types inferred from its rules. Other kinds pass unchanged.
 * Applying it twice gives the same result as once.
 */
public final class Defaulter {

    public static final String TIER_LABEL = "projectcalico.org/tier";

    public Resource applyDefaults(Resource resource) {
        return switch (resource) {
            case GlobalNetworkPolicy g -> new GlobalNetworkPolicy(
                    withTierLabel(g.metadata(), g.spec().tierOrDefault()),
                    g.spec().withTierAndTypes(g.spec().tierOrDefault(), g.spec().effectiveTypes()));
            case NetworkPolicy n -> new NetworkPolicy(
                    withTierLabel(n.metadata(), n.spec().tierOrDefault()),
                    n.spec().withTierAndTypes(n.spec().tierOrDefault(), n.spec().effectiveTypes()));
            default -> resource;
        };
    }

    private static ObjectMeta withTierLabel(ObjectMeta meta, String tier) {
        ObjectMeta base = meta == null ? ObjectMeta.named(null) : meta;
        Map<String, String> labels = new HashMap<>(base.labels());
        labels.put(TIER_LABEL, tier);
        return base.withLabels(labels);
    }
}
