package dev.palisade.model.resource;

/** A GlobalNetworkPolicy waiting to be promoted: stored, validated and previewed, never enforced. */
public record StagedGlobalNetworkPolicy(ObjectMeta metadata, StagedGlobalNetworkPolicySpec spec) implements StagedPolicy {
    public StagedGlobalNetworkPolicy {
        spec = spec == null ? StagedGlobalNetworkPolicySpec.EMPTY : spec;
    }

    @Override
    public StagedGlobalNetworkPolicy withMetadata(ObjectMeta m) {
        return new StagedGlobalNetworkPolicy(m, spec);
    }

    @Override
    public StagedAction stagedAction() {
        return spec.action();
    }

    /** The policy it stages, under the same name (what {@code stagedAction: Set} would store). */
    @Override
    public GlobalNetworkPolicy enforced() {
        return new GlobalNetworkPolicy(ObjectMeta.named(metadata.name()).withLabels(metadata.labels()),
                spec.policySpec());
    }
}
