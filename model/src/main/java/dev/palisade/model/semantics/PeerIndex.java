package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.NetworkSetSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What rule selectors' IP sets can hold at an address (spec §4.10): the host endpoints with that expected IP
 * and the network sets (global and namespaced) whose nets contain it, with the labels selectors see. A rule
 * then tests its selector against these few instead of every endpoint and set of the cluster.
 */
final class PeerIndex {

    /** Something an IP set may take an address from: its labels, and the endpoint when it is one. */
    record Member(Map<String, String> labels, Optional<HostEndpoint> hostEndpoint) {
    }

    private record Nets(Map<String, String> labels, List<Cidr> nets) {
    }

    private final Map<IpAddress, List<Member>> endpointsByIp = new HashMap<>();
    private final List<Nets> sets = new ArrayList<>();
    private final Map<IpAddress, List<Member>> byIp = new ConcurrentHashMap<>();

    PeerIndex(World world) {
        for (HostEndpoint h : world.hostEndpoints()) {
            Member m = new Member(world.labels(h), Optional.of(h));
            h.spec().expectedIPs().stream().flatMap(s -> IpAddress.parse(s).stream()).distinct()
                    .forEach(ip -> endpointsByIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(m));
        }
        for (GlobalNetworkSet s : world.globalNetworkSets()) {
            sets.add(new Nets(s.metadata().labels(), nets(s.spec())));
        }
        for (NetworkSet s : world.networkSets()) {
            sets.add(new Nets(world.labels(s), nets(s.spec())));
        }
    }

    /** Endpoints first (as the sets were scanned before), then the sets containing {@code ip}. */
    List<Member> at(IpAddress ip) {
        return byIp.computeIfAbsent(ip, a -> {
            List<Member> members = new ArrayList<>(endpointsByIp.getOrDefault(a, List.of()));
            for (Nets s : sets) {
                if (s.nets().stream().anyMatch(c -> c.contains(a))) {
                    members.add(new Member(s.labels(), Optional.empty()));
                }
            }
            return List.copyOf(members);
        });
    }

    private static List<Cidr> nets(NetworkSetSpec spec) {
        return spec.nets().stream().flatMap(n -> Cidr.parse(n).stream()).toList();
    }
}
