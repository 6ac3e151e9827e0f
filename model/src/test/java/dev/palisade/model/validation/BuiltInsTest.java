package dev.palisade.model.validation;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.TierSpec.TierAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInsTest {

    private static final ResourceKey DEFAULT_ALLOW = new ResourceKey(Kind.PROFILE, null, "projectcalico-default-allow");

    @Test
    void defaultAllowProfileAllowsBothDirections() {
        var p = BuiltIns.defaultAllowProfile();
        assertThat(p.spec().ingress()).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo(Action.Allow));
        assertThat(p.spec().egress()).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo(Action.Allow));
        assertThat(p.spec().labelsToApply()).isEmpty();
    }

    @Test
    void builtInTiersInOrder() {
        assertThat(BuiltIns.tiers()).extracting(t -> t.metadata().name())
                .containsExactly("kube-admin", "default", "kube-baseline");
        assertThat(BuiltIns.tiers()).extracting(t -> t.spec().order())
                .containsExactly(1_000.0, 1_000_000.0, 10_000_000.0);
        assertThat(BuiltIns.tiers()).extracting(t -> t.spec().defaultAction())
                .containsExactly(TierAction.Pass, TierAction.Deny, TierAction.Pass);
    }

    @Test
    void defaultKubeControllersConfigurationKeepsAutoHostEndpointsOff() {
        var node = BuiltIns.defaultKubeControllersConfiguration().spec().controllers().node();
        assertThat(node.hostEndpoint().autoCreate()).isEqualTo("Disabled");
        assertThat(node.hostEndpoint().createDefaultHostEndpoint()).isEqualTo("Enabled");
        assertThat(node.reconcilerPeriod()).isEqualTo("5m");
        assertThat(BuiltIns.defaultFelixConfiguration().metadata().name()).isEqualTo("default");
    }

    @Test
    void defaultAllowProfileCannotBeCreatedChangedOrDeleted() {
        assertThat(BuiltIns.refuseChange(DEFAULT_ALLOW, Operation.CREATE))
                .hasValue("resource already exists: Profile(projectcalico-default-allow)");
        assertThat(BuiltIns.refuseChange(DEFAULT_ALLOW, Operation.UPDATE))
                .hasValue("operation Update is not supported on Profile(projectcalico-default-allow)");
        assertThat(BuiltIns.refuseChange(DEFAULT_ALLOW, Operation.DELETE))
                .hasValue("operation Delete is not supported on Profile(projectcalico-default-allow)");
    }

    @Test
    void builtInTiersCannotBeDeletedButMayBeUpdated() {
        for (String tier : new String[]{"kube-admin", "default", "kube-baseline"}) {
            ResourceKey key = new ResourceKey(Kind.TIER, null, tier);
            assertThat(BuiltIns.refuseChange(key, Operation.DELETE)).get().asString()
                    .contains("Tier(" + tier + ")", "built-in tiers cannot be deleted");
            assertThat(BuiltIns.refuseChange(key, Operation.UPDATE)).isEmpty();
        }
    }

    @Test
    void ordinaryResourcesAreNotRefused() {
        assertThat(BuiltIns.refuseChange(new ResourceKey(Kind.TIER, null, "security"), Operation.DELETE)).isEmpty();
        assertThat(BuiltIns.refuseChange(new ResourceKey(Kind.PROFILE, null, "p1"), Operation.UPDATE)).isEmpty();
    }
}
