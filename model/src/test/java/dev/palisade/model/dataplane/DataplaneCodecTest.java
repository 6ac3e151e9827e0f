package dev.palisade.model.dataplane;

import dev.palisade.model.dataplane.EndpointEntry.EndOfTier;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.NodeConfigEntry.AllowAction;
import dev.palisade.model.dataplane.NodeConfigEntry.DenyAction;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.dataplane.RuleEntry.IcmpMatch;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataplaneCodecTest {

    private final DataplaneCodec codec = new DataplaneCodec();

    static List<DataplaneEntry> samples() {
        RuleEntry rich = new RuleEntry(Action.Allow, 4, 6, null, null, new IcmpMatch(8, 0),
                new PeerMatch(List.of("198.18.0.0/16"), List.of("198.18.1.0/24"), List.of("s:abc"),
                        List.of("s:def"), null, null, List.of(new PortRange(1, 1023)), null),
                new PeerMatch(null, null, null, null, List.of(new PortRange(22, 22), new PortRange(30000, 32767)),
                        List.of("n:xyz"), null, List.of("n:uvw")));
        return List.of(
                new EndpointEntry("node1-eth0", "eth0", List.of("198.18.0.11", "2001:db8::11"),
                        List.of("projectcalico-default-allow"),
                        new PolicyLists(List.of(new TierPolicies("default", EndOfTier.Pass, List.of("gnp/raw"))), null),
                        null,
                        new PolicyLists(List.of(new TierPolicies("security", EndOfTier.Pass, List.of("gnp/a", "gnp/b")),
                                new TierPolicies("default", EndOfTier.Deny, List.of("gnp/c"))),
                                List.of(new TierPolicies("default", EndOfTier.Deny, List.of("gnp/c")))),
                        null),
                new PolicyEntry("gnp/allow-ssh", "GlobalNetworkPolicy", "allow-ssh", "default",
                        List.of(rich, RuleEntry.of(Action.Log)), List.of(RuleEntry.of(Action.Pass))),
                new ProfileEntry("gone", true, List.of(RuleEntry.of(Action.Deny)), List.of(RuleEntry.of(Action.Deny))),
                new IpSetEntry("s:abc", "role == 'db'", List.of("198.18.0.11/32", "2001:db8::/64")),
                new NamedPortSetEntry("n:xyz", "all()", "ssh", 6,
                        List.of(new NamedPortSetEntry.Member("198.18.0.11", 6, 22))),
                new NodeConfigEntry(List.of(new FailsafePort("tcp", 22, null)),
                        List.of(new FailsafePort("udp", 53, "198.18.0.0/15")), List.of("cali"), List.of("kube-ipvs0"),
                        AllowAction.Accept, AllowAction.Return, DenyAction.Reject, true, "Drop", "calico-packet",
                        "insert", 180, NodeConfigEntry.NftablesMode.Disabled),
                new BatchBarrier(4711));
    }

    @Test
    void everyEntryTypeRoundTripsAndNamesItsTypeAndVersion() {
        for (DataplaneEntry entry : samples()) {
            String text = codec.encodeToString(entry);
            assertThat(text).startsWith("{\"formatVersion\":2,\"type\":\"" + entry.type().keyword() + "\"");
            assertThat(codec.decode(text)).isEqualTo(entry);
        }
        Set<EntryType> covered = samples().stream().map(DataplaneEntry::type).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(EntryType.values());
    }

    @Test
    void omitsEmptyListsAndKeepsFalseFlags() {
        String text = codec.encodeToString(new ProfileEntry("p", false, List.of(), List.of(RuleEntry.of(Action.Allow))));
        assertThat(text).isEqualTo("{\"formatVersion\":2,\"type\":\"profile\",\"name\":\"p\",\"missing\":false,"
                + "\"egress\":[{\"action\":\"Allow\",\"source\":{},\"destination\":{}}]}");
    }

    @Test
    void aConfigEntryWithoutNftablesModeMeansAuto() {
        DataplaneEntry e = codec.decode("{\"formatVersion\":2,\"type\":\"config\",\"conntrackInvalidDrop\":true,"
                + "\"refreshIntervalSeconds\":10}");
        assertThat(((NodeConfigEntry) e).nftablesMode()).isEqualTo(NodeConfigEntry.NftablesMode.Auto);
    }

    @Test
    void ignoresUnknownFieldsSoFieldsCanBeAdded() {
        DataplaneEntry e = codec.decode("{\"formatVersion\":2,\"type\":\"barrier\",\"revision\":9,\"futureField\":[1]}");
        assertThat(e).isEqualTo(new BatchBarrier(9));
    }

    @Test
    void rejectsOtherVersionsAndGarbageWithReasons() {
        assertThatThrownBy(() -> codec.decode("{\"formatVersion\":1,\"type\":\"barrier\",\"revision\":9}"))
                .isInstanceOf(DataplaneFormatException.class).hasMessageContaining("formatVersion: 1 is not supported");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"barrier\",\"revision\":9}"))
                .hasMessageContaining("formatVersion: missing");
        assertThatThrownBy(() -> codec.decode("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"formatVersion\":2,\"type\":\"nope\"}"))
                .isInstanceOf(DataplaneFormatException.class).hasMessageContaining("nope");
    }

    @Test
    void nullValueIsATombstone() {
        DataplaneMessage m = codec.decode("shared/policy/gnp/a", null);
        assertThat(m.isTombstone()).isTrue();
        assertThat(m.key()).isEqualTo(DataplaneKey.shared(EntryType.POLICY, "gnp/a"));
        assertThat(codec.decode("node/n1/endpoint/n1-eth0", null).key())
                .isEqualTo(new DataplaneKey("n1", EntryType.ENDPOINT, "n1-eth0"));
    }

    @Test
    void recordWhoseValueDoesNotMatchItsKeyIsRejected() {
        byte[] value = codec.encode(new BatchBarrier(1));
        assertThat(codec.decode("node/n1/barrier/batch", value).entry()).isEqualTo(new BatchBarrier(1));
        assertThatThrownBy(() -> codec.decode("node/n1/endpoint/batch", value))
                .isInstanceOf(DataplaneFormatException.class).hasMessageContaining("node/n1/endpoint/batch");
    }

    @Test
    void keysFormatAndParseWithSlashesInIds() {
        for (DataplaneEntry entry : samples()) {
            DataplaneKey key = DataplaneKey.of("worker-1.example", entry);
            boolean perNode = entry.type().allowedIn(EntryType.Scope.NODE);
            assertThat(key.toString()).startsWith((perNode ? "node/worker-1.example/" : "shared/")
                    + entry.type().keyword() + "/");
            assertThat(key.isShared()).isEqualTo(!perNode);
            assertThat(DataplaneKey.parse(key.toString())).isEqualTo(key);
        }
        assertThat(DataplaneKey.parse("shared/policy/gnp/x").id()).isEqualTo("gnp/x");
        assertThat(DataplaneKey.parse("shared/barrier/batch").isShared()).isTrue();
        assertThatThrownBy(() -> DataplaneKey.parse("node/n/thing/x")).hasMessageContaining("unknown entry type \"thing\"");
        assertThatThrownBy(() -> DataplaneKey.parse("host/n/policy/x")).hasMessageContaining("node/<node>/<entryType>/<id>");
        assertThatThrownBy(() -> DataplaneKey.parse("shared/policy/")).hasMessageContaining("id must be non-empty");
        assertThatThrownBy(() -> DataplaneKey.parse("node/n/policy/gnp/x"))
                .hasMessageContaining("policy entries are shared: key them shared/policy/<id>");
        assertThatThrownBy(() -> DataplaneKey.parse("shared/endpoint/x"))
                .hasMessageContaining("endpoint entries are per node: key them node/<node>/endpoint/<id>");
    }

    @Test
    void entryTypesAreOrderedSoReferencedThingsComeFirst() {
        List<EntryType> order = Arrays.asList(EntryType.values());
        assertThat(order.indexOf(EntryType.IP_SET)).isLessThan(order.indexOf(EntryType.POLICY));
        assertThat(order.indexOf(EntryType.NAMED_PORT_SET)).isLessThan(order.indexOf(EntryType.POLICY));
        assertThat(order.indexOf(EntryType.POLICY)).isLessThan(order.indexOf(EntryType.ENDPOINT));
        assertThat(order.indexOf(EntryType.PROFILE)).isLessThan(order.indexOf(EntryType.ENDPOINT));
        assertThat(order).last().isEqualTo(EntryType.BARRIER);
        assertThat(new String(codec.encode(new BatchBarrier(3)), StandardCharsets.UTF_8)).contains("\"revision\":3");
    }

    @Test
    void barriersTieTheNodeAndSharedStreamsTogether() {
        BatchBarrier node = BatchBarrier.forNode(12, 11);
        BatchBarrier shared = BatchBarrier.forShared(12, List.of("n1", "n2"));
        assertThat(codec.decode(codec.encode(node))).isEqualTo(node);
        assertThat(codec.decode(codec.encode(shared))).isEqualTo(shared);
        assertThat(codec.decode("{\"formatVersion\":2,\"type\":\"barrier\",\"revision\":4}"))
                .as("absent fields: no shared state needed, no nodes named").isEqualTo(new BatchBarrier(4, 0, List.of()));
    }
}
