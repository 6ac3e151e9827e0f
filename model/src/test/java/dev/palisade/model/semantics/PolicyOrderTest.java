package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import dev.palisade.model.semantics.PolicyOrder.PolicyKey;
import dev.palisade.model.semantics.PolicyOrder.TierKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §4.4: the order of tiers and of policies within a tier, as comparators and as verdicts. */
class PolicyOrderTest {

    private static final String HEP = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec: {node: n1, interfaceName: eth0}
            """;
    private static final String INBOUND_80 = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";

    private static String policy(String name, String tier, String order, String action) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: %s}
                spec: {tier: %s, %s selector: all(), ingress: [{action: %s}]}
                """.formatted(name, tier, order == null ? "" : "order: " + order + ",", action);
    }

    private static String tier(String name, String order) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: %s}
                spec: {%s}
                """.formatted(name, order == null ? "" : "order: " + order);
    }

    private static List<String> sortedPolicies(PolicyKey... keys) {
        return Stream.of(keys).sorted(PolicyOrder.POLICIES).map(PolicyKey::name).toList();
    }

    @Test
    void atEqualOrderDashAndDotNamesSortBeforeTheNameTheyExtend() {
        assertThat(sortedPolicies(gnpKey(10.0, "a"), gnpKey(10.0, "ab"), gnpKey(10.0, "a.b"), gnpKey(10.0, "a-b")))
                .containsExactly("a-b", "a.b", "a", "ab");
    }

    @Test
    void anUnsetPolicyOrderGoesAfterEveryNumber() {
        assertThat(sortedPolicies(gnpKey(null, "a"), gnpKey(1e300, "z"), gnpKey(-5.0, "m"), gnpKey(null, "0")))
                .containsExactly("m", "z", "0", "a");
    }

    @Test
    void tiersThatExistComeFirstThenByOrderWithUnsetLastThenByName() {
        List<String> sorted = Stream.of(
                        new TierKey("missing-b", false, null),
                        new TierKey("unset", true, null),
                        new TierKey("zeta", true, 5.0),
                        new TierKey("missing-a", false, null),
                        new TierKey("alpha", true, 5.0),
                        new TierKey("first", true, 1.0))
                .sorted(PolicyOrder.TIERS).map(TierKey::name).toList();
        assertThat(sorted).containsExactly("first", "alpha", "zeta", "unset", "missing-a", "missing-b");
    }

    @Test
    void theDashedPolicyDecidesBeforeThePlainOneAtEqualOrder() {
        Sim sim = Sim.of(Sim.NODE_N1, HEP, policy("a", "default", "10", "Deny"), policy("a-b", "default", "10", "Allow"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("a-b", "ingress", 0, Action.Allow));
        Sim dotted = Sim.of(Sim.NODE_N1, HEP, policy("a", "default", "10", "Allow"), policy("a.b", "default", "10", "Deny"));
        expect(dotted.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, gnp("a.b", "ingress", 0, Action.Deny));
    }

    @Test
    void aPolicyWithoutOrderDecidesAfterOneWithAHugeOrder() {
        Sim sim = Sim.of(Sim.NODE_N1, HEP, policy("aaa", "default", null, "Deny"),
                policy("zzz", "default", "1000000000000", "Allow"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("zzz", "ingress", 0, Action.Allow));
    }

    @Test
    void tiersOfEqualOrderGoByNameAndAnUnorderedTierComesAfterOrderedOnes() {
        Sim equal = Sim.of(Sim.NODE_N1, HEP, tier("b", "5"), tier("a", "5"),
                policy("in-b", "b", "1", "Deny"), policy("in-a", "a", "1", "Allow"));
        expect(equal.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("a", "in-a", "ingress", 0, Action.Allow));
        Sim unset = Sim.of(Sim.NODE_N1, HEP, tier("a", null), tier("b", "5000000000"),
                policy("in-a", "a", "1", "Allow"), policy("in-b", "b", "1", "Deny"));
        expect(unset.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, gnp("b", "in-b", "ingress", 0, Action.Deny));
    }

    @Test
    void aTierNobodyCreatedComesAfterEveryExistingTierAndDeniesAtItsEnd() {
        Sim sim = Sim.of(Sim.NODE_N1, HEP, tier("unordered", null),
                policy("in-ghost", "ghost", "1", "Deny"), policy("in-unordered", "unordered", "1", "Pass"));
        expect(sim.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, gnp("ghost", "in-ghost", "ingress", 0, Action.Deny));
        Sim passing = Sim.of(Sim.NODE_N1, HEP, tier("unordered", null), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: in-ghost}
                spec: {tier: ghost, selector: all(), ingress: [{action: Allow, protocol: UDP}]}
                """, policy("in-unordered", "unordered", "1", "Pass"));
        expect(passing.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("ghost", "ingress"));
    }

    @Test
    void theTieBreakWalkAgreesWithComparingTheJoinedText() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "a-.z0/";
        for (int i = 0; i < 20_000; i++) {
            PolicyKey a = randomKey(random, alphabet);
            PolicyKey b = random.nextInt(4) == 0 ? new PolicyKey(null, a.name(), a.namespace(), a.kind()) : randomKey(random, alphabet);
            assertThat(Integer.signum(PolicyOrder.compareTieBreak(a, b))).as("%s vs %s", a.tieBreak(), b.tieBreak())
                    .isEqualTo(Integer.signum(a.tieBreak().compareTo(b.tieBreak())));
        }
    }

    private static PolicyKey randomKey(java.util.Random random, String alphabet) {
        String[] parts = new String[3];
        for (int p = 0; p < 3; p++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            parts[p] = sb.toString();
        }
        return new PolicyKey(null, parts[0], parts[1], parts[2]);
    }

    private static PolicyKey gnpKey(Double order, String name) {
        return new PolicyKey(order, name, "", "GlobalNetworkPolicy");
    }
}
