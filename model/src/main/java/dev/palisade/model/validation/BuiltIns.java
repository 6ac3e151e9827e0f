package dev.palisade.model.validation;

import dev.palisade.model.resource.Action;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.Controllers;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.HostEndpointController;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.NodeController;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.ReconcilingController;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ProfileSpec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;
import dev.palisade.model.resource.TierSpec.TierAction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resources that exist without anyone creating them (spec §1.4, §1.5, §1.8, §1.9), and the datastore-level
 * refusals that protect them: the default-allow profile is immutable and built-in tiers cannot be deleted.
 */
public final class BuiltIns {

    public static final String DEFAULT_ALLOW_PROFILE = "projectcalico-default-allow";
    public static final String KUBE_ADMIN_TIER = "kube-admin";
    public static final String DEFAULT_TIER = "default";
    public static final String KUBE_BASELINE_TIER = "kube-baseline";

    private static final Profile DEFAULT_ALLOW = new Profile(ObjectMeta.named(DEFAULT_ALLOW_PROFILE),
            new ProfileSpec(List.of(Rule.of(Action.Allow)), List.of(Rule.of(Action.Allow)), null));

    private static final List<Tier> TIERS = List.of(
            tier(KUBE_ADMIN_TIER, 1_000, TierAction.Pass),
            tier(DEFAULT_TIER, 1_000_000, TierAction.Deny),
            tier(KUBE_BASELINE_TIER, 10_000_000, TierAction.Pass));
    private static final java.util.Map<String, Tier> TIERS_BY_NAME = TIERS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(t -> t.metadata().name(), t -> t));

    /*
     * As a fresh Calico datastore shows it (calico-node writes logSeverityScreen: Info at first start). Built
     * by name rather than by the spec's positional constructor, so a field added to the spec changes nothing here.
     */
    private static final FelixConfiguration FELIX_DEFAULT = new FelixConfiguration(
            ObjectMeta.named(FelixConfiguration.DEFAULT_NAME),
            new ObjectMapper().convertValue(Map.of("logSeverityScreen", "Info"), FelixConfigurationSpec.class));

    private static final KubeControllersConfiguration KUBE_CONTROLLERS_DEFAULT = new KubeControllersConfiguration(
            ObjectMeta.named(KubeControllersConfiguration.DEFAULT_NAME),
            new KubeControllersConfigurationSpec("Info", "Enabled", "10m", null, null, new Controllers(
                    new NodeController("5m", "Enabled",
                            new HostEndpointController("Disabled", "Enabled", null), "15m"),
                    new ReconcilingController("5m"),
                    new ReconcilingController("5m"),
                    new ReconcilingController("5m"),
                    new ReconcilingController("5m"),
                    new KubeControllersConfigurationSpec.LoadBalancerController("AllServices"),
                    new KubeControllersConfigurationSpec.MigrationController("Enabled"))),
            null);

    private BuiltIns() {
    }

    public static Profile defaultAllowProfile() {
        return DEFAULT_ALLOW;
    }

    /** {@code kube-admin}, {@code default} and {@code kube-baseline}, in evaluation order. */
    public static List<Tier> tiers() {
        return TIERS;
    }

    public static Optional<Tier> tier(String name) {
        return Optional.ofNullable(TIERS_BY_NAME.get(name));
    }

    public static FelixConfiguration defaultFelixConfiguration() {
        return FELIX_DEFAULT;
    }

    /** What kube-controllers writes when no {@code default} exists. */
    public static KubeControllersConfiguration defaultKubeControllersConfiguration() {
        return KUBE_CONTROLLERS_DEFAULT;
    }

    /** The built-ins a datastore stores at first start (the others are synthesised, never stored). */
    public static List<Resource> seeded() {
        return List.of(FELIX_DEFAULT, KUBE_CONTROLLERS_DEFAULT);
    }

    /** Everything a fresh datastore holds before any user write. */
    public static List<Resource> all() {
        return Stream.<Resource>concat(
                        Stream.of(DEFAULT_ALLOW, FELIX_DEFAULT, KUBE_CONTROLLERS_DEFAULT),
                        TIERS.stream())
                .toList();
    }

    /**
     * Why the datastore must refuse {@code operation} on {@code key}, or empty when it may go ahead.
     * Validation of the new content (e.g. a built-in tier's order) is {@link Validator}'s job, not this.
     */
    public static Optional<String> refuseChange(ResourceKey key, Operation operation) {
        if (key.kind() == Kind.PROFILE && DEFAULT_ALLOW_PROFILE.equals(key.name())) {
            return Optional.of(operation == Operation.CREATE
                    ? "resource already exists: Profile(" + DEFAULT_ALLOW_PROFILE + ")"
                    : "operation " + operation.verb() + " is not supported on Profile(" + DEFAULT_ALLOW_PROFILE + ")");
        }
        if (key.kind() == Kind.TIER && operation == Operation.DELETE && tier(key.name()).isPresent()) {
            return Optional.of("operation Delete is not supported on Tier(" + key.name()
                    + "): built-in tiers cannot be deleted");
        }
        return Optional.empty();
    }

    private static Tier tier(String name, double order, TierAction action) {
        return new Tier(ObjectMeta.named(name), new TierSpec(order, action));
    }
}
