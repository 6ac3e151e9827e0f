package dev.palisade.model.resource;

/** A NetworkPolicy waiting to be promoted: stored and validated, never enforced. */
public record StagedNetworkPolicy(ObjectMeta metadata, StagedNetworkPolicySpec spec) implements Resource {
    public StagedNetworkPolicy {
        spec = spec == null ? StagedNetworkPolicySpec.EMPTY : spec;
    }

    @Override
    public StagedNetworkPolicy withMetadata(ObjectMeta m) {
        return new StagedNetworkPolicy(m, spec);
    }

    /** The policy it stages, under the same namespace and name. */
    public NetworkPolicy enforced() {
        return new NetworkPolicy(ObjectMeta.named(metadata.name()).withNamespace(metadata.namespace())
                .withLabels(metadata.labels()), spec.policySpec());
    }
}
