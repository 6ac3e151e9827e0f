package dev.palisade.model.semantics;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutCheckTest {

    private static final String HOST = Sim.NODE_N1 + """
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {kubernetes-host: ""}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: allow-all}
            spec:
              selector: has(kubernetes-host)
              order: 1000
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            """;

    private static final String GUARD = """
            apiVersion: palisade.dev/v1
            kind: LockoutGuard
            metadata: {name: default}
            spec:
              protectedFlows:
              - name: bastion-ssh
                protocol: TCP
                source: {nets: [198.19.15.254/32]}
                destination: {selector: has(kubernetes-host), ports: [22]}
              - name: bastion-admin
                protocol: TCP
                source: {nets: [198.19.15.254/32]}
                destination: {selector: has(kubernetes-host), ports: [2222]}
              - name: to-api-server
                protocol: TCP
                source: {selector: has(kubernetes-host)}
                destination: {nets: [198.18.9.9/32], ports: [9443]}
            """;

    private static final String DENY_INGRESS = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: lock-down}
            spec:
              selector: has(kubernetes-host)
              order: 10
              types: [Ingress]
              ingress: [{action: Deny}]
            """;

    private final List<Resource> stored = new ArrayList<>(Sim.decode(HOST + "---\n" + GUARD));

    @Test
    void theGuardValidatesAndRoundTripsUnderItsOwnApiVersion() {
        Resource guard = Sim.decode(GUARD).getFirst();
        assertThat(new Validator().validate(guard)).isEmpty();
        assertThat(new dev.palisade.model.codec.ResourceCodec().toYaml(guard)).startsWith("apiVersion: palisade.dev/v1");
    }

    @Test
    void aDenyPolicyCutsTheFlowsFailsafesDoNotCover() {
        Resource denyAll = Sim.decode(DENY_INGRESS).getFirst();

        List<VerdictChange> cuts = LockoutCheck.cuts(stored, denyAll.key(), denyAll);

        // SSH (22) is a failsafe port: the policy cannot cut it; 2222 is not, and egress is untouched
        assertThat(cuts).singleElement().satisfies(c -> {
            assertThat(c.probe().flow()).isEqualTo("default/bastion-admin");
            assertThat(c.after().decidedBy().hostEndpoint()).isEqualTo("n1-eth0");
            assertThat(c.after().decidedBy().decision()).isEqualTo(
                    new Decision.PolicyRule("GlobalNetworkPolicy", "lock-down", "default", "ingress", 0,
                            dev.palisade.model.resource.Action.Deny));
            assertThat(c.describe()).contains("default/bastion-admin", "n1-eth0", "allow -> deny", "lock-down");
        });
    }

    @Test
    void narrowingTheFailsafePortsUnderADenyPolicyCutsSsh() {
        stored.addAll(Sim.decode(DENY_INGRESS.replace("ingress: [{action: Deny}]",
                "ingress: [{action: Deny, destination: {ports: [80]}}]")));
        Resource felix = Sim.decode("""
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {failsafeInboundHostPorts: []}
                """).getFirst();
        Resource denyAll = Sim.decode(DENY_INGRESS).getFirst();
        stored.add(felix);

        assertThat(LockoutCheck.cuts(stored, denyAll.key(), denyAll)).extracting(c -> c.probe().flow())
                .containsExactlyInAnyOrder("default/bastion-ssh", "default/bastion-admin");
    }

    @Test
    void deletingTheAllowPolicyCutsEgressToo() {
        Resource allowAll = Sim.decode(HOST).stream().filter(r -> r.metadata().name().equals("allow-all")).findFirst()
                .orElseThrow();

        assertThat(LockoutCheck.cuts(stored, allowAll.key(), null)).extracting(c -> c.probe().flow())
                .containsExactlyInAnyOrder("default/bastion-admin", "default/to-api-server");
    }

    @Test
    void writesOfKindsTheSimulatorDoesNotReadAndPoliciesOfOtherHostsCutNothing() {
        Resource elsewhere = Sim.decode(DENY_INGRESS.replace("has(kubernetes-host)", "role == 'db'")).getFirst();
        Resource staged = Sim.decode(DENY_INGRESS.replace("kind: GlobalNetworkPolicy", "kind: StagedGlobalNetworkPolicy"))
                .getFirst();

        assertThat(LockoutCheck.cuts(stored, elsewhere.key(), elsewhere)).isEmpty();
        assertThat(LockoutCheck.cuts(stored, staged.key(), staged)).isEmpty();
    }

    @Test
    void aFlowAlreadyCutIsNotBlamedOnTheNextWrite() {
        Resource denyAll = Sim.decode(DENY_INGRESS).getFirst();
        stored.add(denyAll);
        Resource label = Sim.decode(DENY_INGRESS.replace("lock-down", "another")).getFirst();

        assertThat(LockoutCheck.cuts(stored, label.key(), label)).isEmpty();
    }

    @Test
    void aNewHostEndpointWithoutPolicyCutsWhatItNowGoverns() {
        stored.removeIf(r -> r.metadata().name().equals("allow-all"));
        stored.removeIf(r -> r.metadata().name().equals("n1-eth0"));
        Resource hep = Sim.decode(HOST).stream().filter(r -> r.metadata().name().equals("n1-eth0")).findFirst()
                .orElseThrow();

        assertThat(LockoutCheck.cuts(stored, hep.key(), hep)).extracting(c -> c.probe().flow())
                .containsExactlyInAnyOrder("default/bastion-admin", "default/to-api-server");
    }

    @Test
    void invalidGuardsAreNamedByField() {
        Resource bad = Sim.decode("""
                apiVersion: palisade.dev/v1
                kind: LockoutGuard
                metadata: {name: bad}
                spec:
                  protectedFlows:
                  - name: x
                    source: {nets: [198.19.15.254/32]}
                    destination: {ports: [22]}
                """).getFirst();

        assertThat(new Validator().validate(bad)).extracting(e -> e.path())
                .contains("spec.protectedFlows[0].protocol", "spec.protectedFlows[0]");
    }
}
