package dev.palisade.model.resource;

/**
 * Namespaced set of CIDRs. Never a policy target; rule selectors match it with its labels plus
 * {@code projectcalico.org/namespace: <namespace>} and those its namespace's {@code kns.<namespace>} profile
 * applies, as Calico's NetworkSet update processor gives it.
 */
public record NetworkSet(ObjectMeta metadata, NetworkSetSpec spec) implements Resource {
    public NetworkSet {
        spec = spec == null ? new NetworkSetSpec(null) : spec;
    }

    @Override
    public NetworkSet withMetadata(ObjectMeta m) {
        return new NetworkSet(m, spec);
    }
}
