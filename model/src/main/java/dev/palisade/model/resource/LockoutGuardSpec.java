package dev.palisade.model.resource;

import java.util.List;

/** The protected flows of a {@link LockoutGuard}. */
public record LockoutGuardSpec(List<ProtectedFlow> protectedFlows) {

    static final LockoutGuardSpec EMPTY = new LockoutGuardSpec(null);

    public LockoutGuardSpec {
        protectedFlows = Lists.copy(protectedFlows);
    }

    /**
     * A flow that must stay allowed. One side is the guarded hosts, given by a {@code selector} over host
     * endpoint labels; the other is the peer, given by {@code nets}. A destination selector protects traffic
     * to the hosts (ingress, e.g. SSH from a bastion), a source selector traffic from them (egress, e.g. to the
     * API server). Ports, as in a rule, on either side.
     */
    public record ProtectedFlow(String name, Protocol protocol, EntityRule source, EntityRule destination) {
        public ProtectedFlow {
            source = source == null ? EntityRule.ANY : source;
            destination = destination == null ? EntityRule.ANY : destination;
        }
    }
}
