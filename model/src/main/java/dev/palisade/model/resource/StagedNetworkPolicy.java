package dev.palisade.model.resource;

/** A NetworkPolicy waiting to be promoted: stored and validated, never enforced. */
public record StagedNetworkPolicy(ObjectMeta metadata, StagedNetworkPolicySpec spec) implements StagedPolicy {
    public StagedNetworkPolicy {
        spec = spec == null ? StagedNetworkPolicySpec.EMPTY : spec;
    }

    @Override
    public StagedNetworkPolicy withMetadata(ObjectMeta m) {
        return new StagedNetworkPolicy(m, spec);
    }

    @Override
    public StagedAction stagedAction() {
        return spec.action();
    }

    /** The policy it stages, under the same namespace and name. */
    @Override
    public NetworkPolicy enforced() {
        return new NetworkPolicy(ObjectMeta.named(metadata.name()).withNamespace(metadata.namespace())
                .withLabels(metadata.labels()), spec.policySpec());
    }
}
