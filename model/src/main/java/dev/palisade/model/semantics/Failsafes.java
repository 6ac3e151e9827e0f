package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Failsafe ports (spec §1.8, §4.5 step 3): inbound entries match the destination port and, with a net, the
 * source address; outbound entries the destination port and destination address. The raw table also lets
 * through replies, whose source port is a failsafe port of the other direction.
 */
final class Failsafes {

    private Failsafes() {
    }

    static Optional<Decision.Failsafe> match(FelixSettings felix, PolicyType direction, Packet p, boolean rawTable) {
        boolean ingress = direction == PolicyType.Ingress;
        IpAddress remote = ingress ? p.src() : p.dst();
        List<ProtoPort> same = ingress ? felix.failsafeInbound() : felix.failsafeOutbound();
        String sameSource = ingress ? felix.failsafeInboundSource() : felix.failsafeOutboundSource();
        Optional<Decision.Failsafe> hit = first(same, p, p.dstPort(), remote, direction, sameSource, false);
        if (hit.isPresent() || !rawTable) {
            return hit;
        }
        List<ProtoPort> other = ingress ? felix.failsafeOutbound() : felix.failsafeInbound();
        String otherSource = ingress ? felix.failsafeOutboundSource() : felix.failsafeInboundSource();
        return first(other, p, p.srcPort(), remote, direction, otherSource, true);
    }

    private static Optional<Decision.Failsafe> first(List<ProtoPort> entries, Packet p, Integer port,
                                                     IpAddress remote, PolicyType direction, String source,
                                                     boolean reply) {
        if (port == null) {
            return Optional.empty();
        }
        return entries.stream()
                .filter(e -> e.port() == port && Protocol.of(e.protocol().toUpperCase(Locale.ROOT)).number().orElse(-1) == p.protocol())
                .filter(e -> e.net() == null || e.net().isEmpty() || Cidr.parse(e.net())
                        .orElseThrow(() -> new IllegalArgumentException("FelixConfiguration failsafe net \""
                                + e.net() + "\" is not a CIDR"))
                        .contains(remote))
                .findFirst()
                .map(e -> new Decision.Failsafe(PolicyEvaluator.direction(direction), e.protocol(), e.port(),
                        e.net() == null || e.net().isEmpty() ? null : e.net(), source, reply));
    }
}
