package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A host endpoint enforced on this node, with everything the driver needs to decide which live interface
 * it governs (spec §4.1: {@code interfaceName} {@code "*"} = wildcard, empty = by {@code expectedIPs}; ties
 * go to the smallest {@code name}) and its ordered policy lists per evaluation (spec §4.3–4.4).
 *
 * @param name        the HostEndpoint's {@code metadata.name}, also the entry id and the §4.1 tie-break
 * @param profiles    profile ids in {@code spec.profiles} order, evaluated after all tiers of the normal list
 * @param untracked   doNotTrack policies (raw table); always empty for a wildcard endpoint, which ignores them
 * @param preDnat     preDNAT policies (ingress only)
 * @param normal      tracked policies for traffic to and from the host itself
 * @param forward     applyOnForward policies for forwarded traffic
 */
public record EndpointEntry(
        String name,
        String interfaceName,
        List<String> expectedIPs,
        List<String> profiles,
        PolicyLists untracked,
        PolicyLists preDnat,
        PolicyLists normal,
        PolicyLists forward) implements DataplaneEntry {

    public static final String ALL_INTERFACES = "*";

    public EndpointEntry {
        interfaceName = interfaceName == null ? "" : interfaceName;
        expectedIPs = copy(expectedIPs);
        profiles = copy(profiles);
        untracked = untracked == null ? PolicyLists.EMPTY : untracked;
        preDnat = preDnat == null ? PolicyLists.EMPTY : preDnat;
        normal = normal == null ? PolicyLists.EMPTY : normal;
        forward = forward == null ? PolicyLists.EMPTY : forward;
    }

    @JsonIgnore
    public boolean isWildcard() {
        return ALL_INTERFACES.equals(interfaceName);
    }

    @Override
    @JsonIgnore
    public String id() {
        return name;
    }

    @Override
    public EntryType type() {
        return EntryType.ENDPOINT;
    }

    /** An immutable copy; an already immutable list ({@link List#copyOf}) is shared, not copied again. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** One evaluation's tiers for each direction, in evaluation order; tiers without a policy are absent. */
    public record PolicyLists(List<TierPolicies> ingress, List<TierPolicies> egress) {
        public static final PolicyLists EMPTY = new PolicyLists(List.of(), List.of());

        public PolicyLists {
            ingress = copy(ingress);
            egress = copy(egress);
        }

        public List<TierPolicies> direction(Direction d) {
            return d == Direction.INGRESS ? ingress : egress;
        }
    }

    /**
     * One tier's policies (ids of {@link PolicyEntry}) in evaluation order, and what happens when none of them
     * gives a verdict. The calculator already applies the rule that untracked and preDNAT tiers always pass.
     */
    public record TierPolicies(String tier, EndOfTier endOfTier, List<String> policies) {
        public TierPolicies {
            endOfTier = endOfTier == null ? EndOfTier.Deny : endOfTier;
            policies = copy(policies);
        }
    }

    public enum EndOfTier {
        Deny, Pass
    }
}
