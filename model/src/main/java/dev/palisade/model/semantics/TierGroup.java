package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.TierSpec.TierAction;

import java.util.List;

/** The policies of one tier that apply to an endpoint in one list and direction, in evaluation order. */
public record TierGroup(String tier, TierAction defaultAction, List<GlobalNetworkPolicy> policies) {

    public TierGroup {
        policies = List.copyOf(policies);
    }
}
