package dev.palisade.model.dataplane;

import dev.palisade.model.dataplane.EndpointEntry.EndOfTier;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharedReferencesTest {

    private static final RuleEntry FROM_DB = new RuleEntry(Action.Allow, null, 6, null, null, null,
            new PeerMatch(null, null, List.of("s:db"), List.of("s:blocked"), null, null, null, null),
            new PeerMatch(null, null, null, null, null, List.of("n:metrics"), null, null));

    private static EndpointEntry endpoint(String name, String... policies) {
        return new EndpointEntry(name, "eth0", List.of("198.18.0.1"), List.of("base"), null, null,
                new PolicyLists(List.of(new TierPolicies("default", EndOfTier.Deny, List.of(policies))), null), null);
    }

    private final Map<DataplaneKey, DataplaneEntry> shared = new HashMap<>();

    private void share(DataplaneEntry e) {
        shared.put(DataplaneKey.shared(e.type(), e.id()), e);
    }

    @Test
    void aNodeReachesItsPoliciesProfilesAndTheirSetsButNothingElse() {
        share(new PolicyEntry("gnp/db", "GlobalNetworkPolicy", "db", "default", List.of(FROM_DB), List.of()));
        share(new PolicyEntry("gnp/other", "GlobalNetworkPolicy", "other", "default", List.of(), List.of()));
        share(new ProfileEntry("base", false, List.of(RuleEntry.of(Action.Allow)), List.of()));
        share(new IpSetEntry("s:db", "role == 'db'", List.of("198.18.0.2/32")));
        share(new IpSetEntry("s:blocked", "blocked == 'true'", List.of()));
        share(new IpSetEntry("s:unused", "all()", List.of()));
        share(new NamedPortSetEntry("n:metrics", "all()", "metrics", 6, List.of()));
        EndpointEntry ep = endpoint("n1-eth0", "gnp/db");

        SharedReferences.Closure c = SharedReferences.closure(List.of(ep), shared::get);

        assertThat(c.complete()).isTrue();
        assertThat(c.entries()).extracting(DataplaneEntry::id)
                .containsExactlyInAnyOrder("n1-eth0", "gnp/db", "base", "s:db", "s:blocked", "n:metrics");
    }

    @Test
    void whatIsReferencedButNotSharedIsReportedMissing() {
        share(new PolicyEntry("gnp/db", "GlobalNetworkPolicy", "db", "default", List.of(FROM_DB), List.of()));
        share(new IpSetEntry("s:db", "role == 'db'", List.of()));

        SharedReferences.Closure c = SharedReferences.closure(List.of(endpoint("e", "gnp/db", "gnp/gone")), shared::get);

        assertThat(c.complete()).isFalse();
        assertThat(c.missing()).as("sorted by type, then id").containsExactly(
                DataplaneKey.shared(EntryType.IP_SET, "s:blocked"),
                DataplaneKey.shared(EntryType.NAMED_PORT_SET, "n:metrics"),
                DataplaneKey.shared(EntryType.POLICY, "gnp/gone"),
                DataplaneKey.shared(EntryType.PROFILE, "base"));
    }
}
