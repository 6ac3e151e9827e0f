package dev.palisade.driver.nft.render;

import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.IcmpMatch;
import dev.palisade.model.dataplane.RuleEntry.PeerMatch;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NftRuleRendererTest {

    private final NftRuleRenderer renderer = new NftRuleRenderer("drop");

    private static PeerMatch nets(String... nets) {
        return new PeerMatch(List.of(nets), null, null, null, null, null, null, null);
    }

    @Test
    void ruleWithoutAddressesIsRenderedOnceForBothFamilies() {
        RuleEntry r = new RuleEntry(Action.Deny, null, 6, null, null, null, null,
                new PeerMatch(null, null, null, null, List.of(new PortRange(22, 22), new PortRange(80, 90)), null,
                        List.of(new PortRange(85, 85)), null));
        assertThat(renderer.render(r, "p")).containsExactly(
                "meta l4proto 6 th dport != { 85 } th dport { 22, 80-90 } counter drop");
    }

    @Test
    void netsSplitByFamilyAndAFamilyWithoutPositiveNetsIsDropped() {
        RuleEntry mixed = new RuleEntry(Action.Allow, null, null, null, null, null, nets("198.18.0.0/24", "2001:db8::/64"), null);
        assertThat(renderer.render(mixed, "p")).containsExactly(
                "meta nfproto ipv4 ip saddr { 198.18.0.0/24 } counter meta mark set meta mark | 0x10000 return",
                "meta nfproto ipv6 ip6 saddr { 2001:db8::/64 } counter meta mark set meta mark | 0x10000 return");

        RuleEntry v4only = new RuleEntry(Action.Pass, null, null, null, null, null, nets("198.18.0.0/24"), null);
        assertThat(renderer.render(v4only, "p")).containsExactly(
                "meta nfproto ipv4 ip saddr { 198.18.0.0/24 } counter meta mark set meta mark | 0x20000 return");

        RuleEntry v6rule = new RuleEntry(Action.Allow, 6, null, null, null, null, nets("198.18.0.0/24"), null);
        assertThat(renderer.render(v6rule, "p")).as("ipVersion 6 with only IPv4 nets matches nothing").isEmpty();
    }

    @Test
    void numericPortsAndNamedPortSetsAreAlternatives() {
        RuleEntry r = new RuleEntry(Action.Allow, 4, 6, null, null, null, null,
                new PeerMatch(null, null, List.of("sel"), null, List.of(new PortRange(80, 80)), List.of("np"), null, null));
        assertThat(renderer.render(r, "p")).containsExactly(
                "meta nfproto ipv4 meta l4proto 6 ip daddr @s4-sel th dport { 80 } counter meta mark set meta mark | 0x10000 return",
                "meta nfproto ipv4 meta l4proto 6 ip daddr @s4-sel ip daddr . meta l4proto . th dport @n4-np counter meta mark set meta mark | 0x10000 return");
    }

    @Test
    void icmpMatchesOnlyItsFamilyAndNegatedTypeAndCodeIsAnOr() {
        RuleEntry r = new RuleEntry(Action.Deny, null, 1, null, null, new IcmpMatch(8, 0), null, null);
        assertThat(renderer.render(r, "p")).containsExactly(
                "meta nfproto ipv4 meta l4proto 1 icmp type != 8 counter drop",
                "meta nfproto ipv4 meta l4proto 1 icmp type 8 icmp code != 0 counter drop");
    }

    @Test
    void logNeverDecidesAndItsPrefixIsSanitised() {
        assertThat(new NftRuleRenderer("reject").render(RuleEntry.of(Action.Log), "calico-packet\"; drop"))
                .containsExactly("counter log prefix \"calico-packet drop \"");
    }
}
