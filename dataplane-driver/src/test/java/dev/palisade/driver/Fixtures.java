package dev.palisade.driver;

import dev.palisade.driver.core.NodeState;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;

import java.util.Arrays;
import java.util.List;

/** Builders for dataplane entries, as the calculator would publish them for one node. */
public final class Fixtures {

    public static final String NODE = "node1";
    public static final int TCP = 6;
    public static final int UDP = 17;

    private Fixtures() {
    }

    public static NodeState state(long revision, DataplaneEntry... entries) {
        return NodeState.EMPTY.with(Arrays.stream(entries).map(e -> DataplaneMessage.set(NODE, e)).toList(), revision);
    }

    /** Felix defaults with only tcp:22 inbound and udp:53 outbound failsafe, so tests know what is open. */
    public static NodeConfigEntry config() {
        return config(NodeConfigEntry.NftablesMode.Auto);
    }

    /** {@link #config()} with the node's FelixConfiguration {@code nftablesMode}. */
    public static NodeConfigEntry config(NodeConfigEntry.NftablesMode mode) {
        return new NodeConfigEntry(List.of(new FailsafePort("tcp", 22, null)),
                List.of(new FailsafePort("udp", 53, null)), List.of("cali"), List.of("kube-ipvs0"),
                NodeConfigEntry.AllowAction.Accept, NodeConfigEntry.AllowAction.Accept,
                NodeConfigEntry.DenyAction.Drop, true, "Drop", "calico-packet", "insert", 10, mode);
    }

    public static TierPolicies tier(String name, String... policies) {
        return new TierPolicies(name, EndpointEntry.EndOfTier.Deny, List.of(policies));
    }

    public static TierPolicies passTier(String name, String... policies) {
        return new TierPolicies(name, EndpointEntry.EndOfTier.Pass, List.of(policies));
    }

    public static PolicyLists ingress(TierPolicies... tiers) {
        return new PolicyLists(List.of(tiers), List.of());
    }

    public static PolicyLists egress(TierPolicies... tiers) {
        return new PolicyLists(List.of(), List.of(tiers));
    }

    public static PolicyLists both(List<TierPolicies> in, List<TierPolicies> out) {
        return new PolicyLists(in, out);
    }

    public static EndpointEntry hep(String name, String iface, PolicyLists normal, String... profiles) {
        return new EndpointEntry(name, iface, List.of(), List.of(profiles), null, null, normal, null);
    }

    public static EndpointEntry hep(String name, String iface, PolicyLists untracked, PolicyLists preDnat,
                                    PolicyLists normal, PolicyLists forward) {
        return new EndpointEntry(name, iface, List.of(), List.of(), untracked, preDnat, normal, forward);
    }

    public static PolicyEntry policy(String name, List<RuleEntry> ingress, List<RuleEntry> egress) {
        return new PolicyEntry("gnp/" + name, "GlobalNetworkPolicy", name, "default", ingress, egress);
    }

    public static ProfileEntry defaultAllow() {
        return new ProfileEntry("projectcalico-default-allow", false, List.of(RuleEntry.of(Action.Allow)),
                List.of(RuleEntry.of(Action.Allow)));
    }

    public static IpSetEntry ipSet(String id, String... members) {
        return new IpSetEntry(id, "role == '" + id + "'", List.of(members));
    }

    public static RuleEntry toPort(Action action, int protocol, int port) {
        return new RuleEntry(action, null, protocol, null, null, null, null, ports(port));
    }

    public static RuleEntry fromPort(Action action, int protocol, int port) {
        return new RuleEntry(action, null, protocol, null, null, null, ports(port), null);
    }

    public static RuleEntry toPortFrom(Action action, int protocol, int port, String sourceNet) {
        PeerMatch src = new PeerMatch(List.of(sourceNet), null, null, null, null, null, null, null);
        return new RuleEntry(action, null, protocol, null, null, null, src, ports(port));
    }

    public static RuleEntry toPortFromSet(Action action, int protocol, int port, String ipSetId) {
        PeerMatch src = new PeerMatch(null, null, List.of(ipSetId), null, null, null, null, null);
        return new RuleEntry(action, null, protocol, null, null, null, src, ports(port));
    }

    public static PeerMatch ports(int port) {
        return new PeerMatch(null, null, null, null, List.of(new PortRange(port, port)), null, null, null);
    }
}
