package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.palisade.model.semantics.Sim.defaultAllow;
import static dev.palisade.model.semantics.Sim.expect;
import static dev.palisade.model.semantics.Sim.gnp;
import static dev.palisade.model.semantics.Verdict.Outcome.ALLOW;
import static dev.palisade.model.semantics.Verdict.Outcome.DENY;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §4.5 steps 4–6 and §1.5: tiers with Pass, Log rules, and profiles (missing ones, labelsToApply). */
class TiersAndProfilesTest {

    private static final String INBOUND_80 = "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,"
            + "srcPort=40000,dstPort=80";
    private static final String OUTBOUND_80 = "node=n1,in=local,out=eth0,src=198.18.0.1,dst=198.18.0.9,proto=TCP,"
            + "srcPort=40000,dstPort=80";

    private static String hep(String labels, String profiles) {
        return """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n1-eth0, labels: {%s}}
                spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1], profiles: [%s]}
                """.formatted(labels, profiles);
    }

    private static String tier(String name, int order, String defaultAction) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: %s}
                spec: {order: %d, defaultAction: %s}
                """.formatted(name, order, defaultAction);
    }

    private static String policy(String name, String tier, String ingress) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: %s}
                spec: {tier: %s, selector: all(), ingress: %s}
                """.formatted(name, tier, ingress);
    }

    private static String profile(String name, String spec) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: %s}
                spec: %s
                """.formatted(name, spec);
    }

    @Test
    void aPassTierThatNobodyDecidedHandsThePacketToTheNextTier() {
        Sim sim = Sim.of(hep("", ""), tier("first", 100, "Pass"),
                policy("udp-only", "first", "[{action: Allow, protocol: UDP}]"),
                policy("web", "default", "[{action: Allow, protocol: TCP, destination: {ports: [80]}}]"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("web", "ingress", 0, Action.Allow));
        expect(sim.run(INBOUND_80.replace("dstPort=80", "dstPort=81")), DENY, Stage.NORMAL_INGRESS,
                new Decision.EndOfTier("default", "ingress"));
    }

    @Test
    void aDenyTierThatNobodyDecidedDeniesAtItsEnd() {
        Sim sim = Sim.of(hep("", ""), tier("first", 100, "Deny"),
                policy("udp-only", "first", "[{action: Allow, protocol: UDP}]"),
                policy("web", "default", "[{action: Allow, protocol: TCP, destination: {ports: [80]}}]"));
        expect(sim.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, new Decision.EndOfTier("first", "ingress"));
    }

    @Test
    void aPassRuleSkipsTheRestOfItsTierIncludingLaterPolicies() {
        Sim sim = Sim.of(hep("", ""), tier("first", 100, "Deny"),
                policy("trusted", "first", "[{action: Pass, source: {nets: [198.18.0.0/24]}}]"),
                policy("zz-deny", "first", "[{action: Deny}]"),
                policy("web", "default", "[{action: Allow}]"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("web", "ingress", 0, Action.Allow));
        expect(sim.run(INBOUND_80.replace("src=198.18.0.9", "src=198.18.1.9")), DENY, Stage.NORMAL_INGRESS,
                gnp("first", "zz-deny", "ingress", 0, Action.Deny));
    }

    @Test
    void aPassFromTheLastTierReachesTheProfiles() {
        Sim sim = Sim.of(hep("", "projectcalico-default-allow"),
                policy("pass-all", "default", "[{action: Pass}]"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, defaultAllow("ingress"));
    }

    @Test
    void theBuiltInKubeAdminTierPassesWhatItDoesNotDecide() {
        Sim sim = Sim.of(hep("", ""),
                policy("admin-udp", "kube-admin", "[{action: Deny, protocol: UDP}]"),
                policy("web", "default", "[{action: Allow}]"));
        expect(sim.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS, gnp("web", "ingress", 0, Action.Allow));
        expect(sim.run("node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=UDP,dstPort=80"), DENY,
                Stage.NORMAL_INGRESS, gnp("kube-admin", "admin-udp", "ingress", 0, Action.Deny));
    }

    @Test
    void logRulesAreRecordedAcrossTiersAndProfilesButNeverDecide() {
        Sim sim = Sim.of(hep("", "logging"), tier("first", 100, "Pass"),
                policy("log-first", "first", "[{action: Log}]"),
                policy("log-then-pass", "default", "[{action: Log}, {action: Pass}]"),
                profile("logging", "{ingress: [{action: Log}, {action: Allow}]}"));
        Verdict v = sim.run(INBOUND_80);
        expect(v, ALLOW, Stage.NORMAL_INGRESS, new Decision.ProfileRule("logging", "ingress", 1, Action.Allow));
        assertThat(v.decidedBy().logged()).containsExactly(
                gnp("first", "log-first", "ingress", 0, Action.Log),
                gnp("log-then-pass", "ingress", 0, Action.Log),
                new Decision.PolicyRule("Profile", "logging", "", "ingress", 0, Action.Log));
    }

    @Test
    void aProfileThatDoesNotExistDeniesEverythingWhereItIsReached() {
        expect(Sim.of(hep("", "no-such-profile")).run(INBOUND_80), DENY, Stage.NORMAL_INGRESS,
                new Decision.MissingProfile("no-such-profile", "ingress"));
        expect(Sim.of(hep("", "no-such-profile")).run(OUTBOUND_80), DENY, Stage.NORMAL_EGRESS,
                new Decision.MissingProfile("no-such-profile", "egress"));
        expect(Sim.of(hep("", "projectcalico-default-allow, no-such-profile")).run(INBOUND_80), ALLOW,
                Stage.NORMAL_INGRESS, defaultAllow("ingress"));
        expect(Sim.of(hep("", "no-such-profile, projectcalico-default-allow")).run(INBOUND_80), DENY,
                Stage.NORMAL_INGRESS, new Decision.MissingProfile("no-such-profile", "ingress"));
    }

    @Test
    void aProfilePassOrNoMatchGoesOnToTheNextProfileAndNoneMatchingDenies() {
        Sim sim = Sim.of(hep("", "passing, udp-only"),
                profile("passing", "{ingress: [{action: Pass, protocol: TCP}, {action: Deny}]}"),
                profile("udp-only", "{ingress: [{action: Allow, protocol: UDP}]}"));
        expect(sim.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS,
                new Decision.NoProfileMatched("ingress", List.of("passing", "udp-only")));
        expect(sim.run("node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=UDP,dstPort=80"), DENY,
                Stage.NORMAL_INGRESS, new Decision.ProfileRule("passing", "ingress", 1, Action.Deny));
    }

    @Test
    void profileLabelsSelectTheEndpointUnlessItsOwnLabelDiffers() {
        String withProfile = hep("role: db", "env-prod") + "---\n" + profile("env-prod",
                "{labelsToApply: {env: prod, role: web}, ingress: [{action: Allow}]}");
        Sim byInherited = Sim.of(withProfile, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: prod-deny}
                spec: {selector: env == 'prod', ingress: [{action: Deny}]}
                """);
        expect(byInherited.run(INBOUND_80), DENY, Stage.NORMAL_INGRESS, gnp("prod-deny", "ingress", 0, Action.Deny));
        Sim byOverridden = Sim.of(withProfile, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: web-deny}
                spec: {selector: role == 'web', ingress: [{action: Deny}]}
                """);
        expect(byOverridden.run(INBOUND_80), ALLOW, Stage.NORMAL_INGRESS,
                new Decision.ProfileRule("env-prod", "ingress", 0, Action.Allow));
    }

    @Test
    void profileLabelsMakeAnEndpointAMemberOfRuleSelectors() {
        Sim sim = Sim.of(hep("", "env-prod"), profile("env-prod", "{labelsToApply: {env: prod}}"), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: to-prod}
                spec: {selector: all(), types: [Egress], egress: [{action: Allow, destination: {selector: env == 'prod'}}]}
                """, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: n2-eth0}
                spec: {node: n2, interfaceName: eth0, expectedIPs: [198.18.0.2], profiles: [env-prod]}
                """);
        expect(sim.run(OUTBOUND_80.replace("dst=198.18.0.9", "dst=198.18.0.2")), ALLOW, Stage.NORMAL_EGRESS,
                gnp("to-prod", "egress", 0, Action.Allow));
        expect(sim.run(OUTBOUND_80), DENY, Stage.NORMAL_EGRESS, new Decision.EndOfTier("default", "egress"));
    }
}
