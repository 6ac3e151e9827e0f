package dev.palisade.model.dataplane;

import java.util.List;

/**
 * A policy's rules, rendered once per node however many endpoints use it.
 *
 * @param id    {@code <kindShort>/<name>} as Felix names policy chains, e.g. {@code gnp/allow-ssh}
 * @param kind  the resource kind, for rule comments and log prefixes
 * @param tier  the policy's tier, for rule comments and log prefixes
 */
public record PolicyEntry(String id, String kind, String name, String tier, List<RuleEntry> ingress,
                          List<RuleEntry> egress) implements DataplaneEntry {

    public PolicyEntry {
        ingress = EndpointEntry.copy(ingress);
        egress = EndpointEntry.copy(egress);
    }

    public List<RuleEntry> rules(Direction d) {
        return d == Direction.INGRESS ? ingress : egress;
    }

    @Override
    public EntryType type() {
        return EntryType.POLICY;
    }
}
