package dev.palisade.driver.nft.render;

import dev.palisade.driver.core.NodeState;
import dev.palisade.model.dataplane.Direction;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.RuleEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which policy rule each kernel rule of a policy chain ({@code pi-}, {@code po-}, {@code pod-}) comes from: the
 * renderer turns one rule into as many kernel rules as it needs, in order, so the chain's n-th kernel rule
 * belongs to the rule whose bodies cover position n. Computed from the state alone, off the apply path.
 */
public final class RuleOrigins {

    /** One kernel rule's origin. */
    public record Origin(String tier, String policy, Direction direction, int rule, String action) {
        public String directionName() {
            return direction.name().toLowerCase(Locale.ROOT);
        }
    }

    private RuleOrigins() {
    }

    /** Chain name → the origin of each of its kernel rules, in order, for every policy the node holds. */
    public static Map<String, List<Origin>> of(NodeState state) {
        // the verdict and log prefix change a body, never how many bodies a rule becomes
        NftRuleRenderer renderer = new NftRuleRenderer("drop");
        Map<String, List<Origin>> chains = new HashMap<>();
        for (PolicyEntry policy : state.policies().values()) {
            for (Direction d : Direction.values()) {
                List<Origin> origins = new ArrayList<>();
                List<RuleEntry> rules = policy.rules(d);
                for (int i = 0; i < rules.size(); i++) {
                    int bodies = renderer.render(rules.get(i), "").size();
                    for (int b = 0; b < bodies; b++) {
                        origins.add(new Origin(policy.tier(), policy.id(), d, i, rules.get(i).action().name()));
                    }
                }
                boolean ingress = d == Direction.INGRESS;
                chains.put(NftNames.policyChain(policy.id(), ingress), origins);
                if (!ingress) {
                    chains.put(NftNames.dropOnlyPolicyChain(policy.id()), origins);
                }
            }
        }
        return chains;
    }
}
