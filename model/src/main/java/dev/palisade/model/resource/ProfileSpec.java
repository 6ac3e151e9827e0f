package dev.palisade.model.resource;

import java.util.List;
import java.util.Map;

/** Rules applied after all tiers, and labels every endpoint naming the profile inherits. */
public record ProfileSpec(List<Rule> ingress, List<Rule> egress, Map<String, String> labelsToApply) {
    public ProfileSpec {
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
        labelsToApply = labelsToApply == null ? Map.of() : Map.copyOf(labelsToApply);
    }
}
