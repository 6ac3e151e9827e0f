package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.LockoutGuardSpec.ProtectedFlow;
import dev.palisade.model.resource.Port;
import dev.palisade.model.selector.Selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns protected flows into concrete packets, one per host interface the flow reaches: every host endpoint
 * the flow's host-side selector picks, on the interfaces it governs (its own, or for an expected-IP or
 * wildcard endpoint those its Node lists), between an address of the endpoint and each peer net, to each
 * port. A packet stands for its flow: if the simulator denies it, the flow is cut on that interface.
 */
public final class ProtectedFlowProbes {

    /** An ephemeral source port, for flows that do not name one: real clients always send from one. */
    static final int EPHEMERAL_PORT = 40000;

    private ProtectedFlowProbes() {
    }

    /** A probe and the host endpoint it goes to or comes from. */
    record Probed(HostEndpoint hostEndpoint, Probe probe) {
    }

    /** The probes of every flow of the guards; {@code hostEndpoints} narrows which endpoints are probed. */
    public static List<Probe> of(World world, List<LockoutGuard> guards, Predicate<HostEndpoint> hostEndpoints) {
        return probed(world, guards, hostEndpoints).stream().map(Probed::probe).toList();
    }

    /** The same, each with its endpoint: flow by flow, a packet that two flows share once. */
    static List<Probed> probed(World world, List<LockoutGuard> guards, Predicate<HostEndpoint> hostEndpoints) {
        Map<Probe, Probed> probes = new LinkedHashMap<>();
        for (LockoutGuard guard : guards) {
            for (ProtectedFlow flow : guard.spec().protectedFlows()) {
                String label = guard.metadata().name() + "/" + flow.name();
                of(world, label, flow, hostEndpoints).forEach(p -> probes.putIfAbsent(p.probe(), p));
            }
        }
        return List.copyOf(probes.values());
    }

    private static List<Probed> of(World world, String label, ProtectedFlow flow, Predicate<HostEndpoint> wanted) {
        boolean toHosts = !flow.destination().selector().isEmpty();
        EntityRule hostSide = toHosts ? flow.destination() : flow.source();
        EntityRule peerSide = toHosts ? flow.source() : flow.destination();
        Selector selector = SelectorText.parse(hostSide.selector(), "protected flow " + label + " selector");
        int protocol = flow.protocol().number().orElse(-1);
        if (protocol < 0) {
            return List.of();
        }
        // the same for every endpoint: worked out once per flow, not per endpoint
        List<IpAddress> peers = peers(peerSide);
        List<Integer> dstPorts = ports(flow.destination(), protocol, null);
        Integer srcPort = ports(flow.source(), protocol, EPHEMERAL_PORT).getFirst();
        List<Probed> probes = new ArrayList<>();
        for (HostEndpoint hep : world.hostEndpoints()) {
            if (hep.spec().node() == null || !wanted.test(hep) || !selector.matches(world.labels(hep))) {
                continue;
            }
            String node = hep.spec().node();
            for (String iface : interfaces(world, hep)) {
                for (IpAddress peer : peers) {
                    Optional<IpAddress> host = hostAddress(world, hep, iface, peer);
                    if (host.isEmpty()) {
                        continue;
                    }
                    for (Integer dstPort : dstPorts) {
                        Packet packet = toHosts
                                ? new Packet(node, iface, Packet.LOCAL, peer, host.get(), protocol, srcPort, dstPort,
                                        null, null, Packet.ConnState.NEW, null)
                                : new Packet(node, Packet.LOCAL, iface, host.get(), peer, protocol, srcPort, dstPort,
                                        null, null, Packet.ConnState.NEW, null);
                        probes.add(new Probed(hep, new Probe(label, packet)));
                    }
                }
            }
        }
        return probes;
    }

    /** A named endpoint's own interface; otherwise the Node's interfaces it could govern. */
    private static List<String> interfaces(World world, HostEndpoint hep) {
        String name = hep.spec().interfaceName();
        if (!name.isEmpty() && !hep.spec().isWildcard()) {
            return List.of(name);
        }
        List<String> all = world.interfaces(hep.spec().node());
        if (hep.spec().isWildcard()) {
            return all;
        }
        return all.stream().filter(i -> world.interfaceAddresses(hep.spec().node(), i).stream()
                .anyMatch(a -> hep.spec().expectedIPs().stream().anyMatch(e -> IpAddress.parse(e).equals(Optional.of(a)))))
                .toList();
    }

    /** The endpoint's expected IP of the peer's family, else one its interface has. */
    private static Optional<IpAddress> hostAddress(World world, HostEndpoint hep, String iface, IpAddress peer) {
        return hep.spec().expectedIPs().stream()
                .map(IpAddress::parse).flatMap(Optional::stream)
                .filter(a -> a.family() == peer.family())
                .findFirst()
                .or(() -> world.interfaceAddresses(hep.spec().node(), iface).stream()
                        .filter(a -> a.family() == peer.family()).findFirst());
    }

    private static List<IpAddress> peers(EntityRule peer) {
        return peer.nets().stream().map(Cidr::parse).flatMap(Optional::stream).map(Cidr::address).distinct().toList();
    }

    /** The first port of each numeric entry, or {@code fallback} (null: no port) when the side names none. */
    private static List<Integer> ports(EntityRule side, int protocol, Integer fallback) {
        List<Integer> ports = side.ports().stream().filter(p -> !p.isNamed()).map(Port::min).toList();
        if (ports.isEmpty() || !carriesPorts(protocol)) {
            List<Integer> none = new ArrayList<>();
            none.add(carriesPorts(protocol) ? fallback : null);
            return none;
        }
        return ports;
    }

    private static boolean carriesPorts(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 132 || protocol == 136;
    }
}
