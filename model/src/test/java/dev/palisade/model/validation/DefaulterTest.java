package dev.palisade.model.validation;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.NetworkPolicy;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.palisade.model.validation.Manifests.decode;
import static dev.palisade.model.validation.Manifests.gnp;
import static org.assertj.core.api.Assertions.assertThat;

class DefaulterTest {

    private final Defaulter defaulter = new Defaulter();

    private GlobalNetworkPolicy defaulted(String spec) {
        return (GlobalNetworkPolicy) defaulter.applyDefaults(decode(gnp(spec)));
    }

    @Test
    void typesAreInferredFromRules() {
        assertThat(defaulted("{}").spec().types()).containsExactly(PolicyType.Ingress);
        assertThat(defaulted("{ingress: [{action: Allow}]}").spec().types()).containsExactly(PolicyType.Ingress);
        assertThat(defaulted("{egress: [{action: Allow}]}").spec().types()).containsExactly(PolicyType.Egress);
        assertThat(defaulted("{ingress: [{action: Deny}], egress: [{action: Allow}]}").spec().types())
                .containsExactly(PolicyType.Ingress, PolicyType.Egress);
    }

    @Test
    void explicitTypesAreKept() {
        assertThat(defaulted("{types: [Egress], ingress: [{action: Allow}]}").spec().types())
                .containsExactly(PolicyType.Egress);
    }

    @Test
    void tierDefaultsToDefaultAndIsLabelled() {
        GlobalNetworkPolicy p = defaulted("{}");
        assertThat(p.spec().tier()).isEqualTo("default");
        assertThat(p.metadata().labels()).containsEntry(Defaulter.TIER_LABEL, "default");
    }

    @Test
    void tierLabelFollowsTheTierAndKeepsOtherLabels() {
        var np = (NetworkPolicy) defaulter.applyDefaults(decode("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: ns1, labels: {app: web, projectcalico.org/tier: stale}}
                spec: {tier: kube-admin, egress: [{action: Pass}]}
                """));
        assertThat(np.metadata().labels()).containsOnly(
                Map.entry("app", "web"), Map.entry(Defaulter.TIER_LABEL, "kube-admin"));
        assertThat(np.spec().types()).isEqualTo(List.of(PolicyType.Egress));
        assertThat(np.metadata().namespace()).isEqualTo("ns1");
    }

    @Test
    void defaultingIsIdempotent() {
        for (String yaml : List.of(gnp("{egress: [{action: Allow}]}"), gnp("{tier: kube-baseline}"),
                Manifests.hep("{node: n1, interfaceName: eth0}"))) {
            Resource once = defaulter.applyDefaults(decode(yaml));
            assertThat(defaulter.applyDefaults(once)).isEqualTo(once);
        }
    }

    @Test
    void otherKindsPassUnchanged() {
        Resource hep = decode(Manifests.hep("{node: n1, interfaceName: eth0}"));
        assertThat(defaulter.applyDefaults(hep)).isSameAs(hep);
    }
}
