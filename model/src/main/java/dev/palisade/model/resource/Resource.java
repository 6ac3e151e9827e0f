package dev.palisade.model.resource;

/**
 * A {@code projectcalico.org/v3} resource. {@code apiVersion} and {@code kind} are implied by the type and
 * written by the codec; records hold only what varies.
 */
public sealed interface Resource
        permits HostEndpoint, GlobalNetworkPolicy, NetworkPolicy, Tier, Profile, GlobalNetworkSet, NetworkSet,
                FelixConfiguration, KubeControllersConfiguration, Node, StagedPolicy, LockoutGuard {

    String API_VERSION = "projectcalico.org/v3";

    /** Palisade's own kinds, which Calico has no equivalent for. */
    String PALISADE_API_VERSION = "palisade.dev/v1";

    ObjectMeta metadata();

    Object spec();

    /** A copy with other metadata (the datastore sets revision, uid and timestamps). */
    Resource withMetadata(ObjectMeta metadata);

    default Kind kind() {
        return Kind.of(getClass());
    }

    default ResourceKey key() {
        return new ResourceKey(kind(), metadata().namespace(), metadata().name());
    }
}
