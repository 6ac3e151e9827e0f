package dev.palisade.model.dataplane;

/**
 * Part of a node's {@link DataplaneStatus}: what the kernel counted for one rule of one policy on this node, summed over the kernel rules it became
 * (one per address family or OR-ed alternative) and over the chains that carry it (a policy's chain is shared
 * by every endpoint that uses it, so there is no per-endpoint figure). Counters restart at 0 when the
 * policy's chain is rewritten (its rules changed).
 *
 * @param tier      the policy's tier
 * @param policy    the policy id, {@code <kind short>/<name>} (e.g. {@code gnp/allow-ssh})
 * @param direction {@code ingress} or {@code egress}
 * @param rule      the rule's index in the policy's rules of that direction, from 0
 * @param action    the rule's action (Allow, Deny, Pass, Log)
 */
public record RuleCounter(String tier, String policy, String direction, int rule, String action, long packets, long bytes) {

    /** The same rule with {@code other}'s counts added. */
    public RuleCounter plus(RuleCounter other) {
        return new RuleCounter(tier, policy, direction, rule, action, packets + other.packets, bytes + other.bytes);
    }
}
