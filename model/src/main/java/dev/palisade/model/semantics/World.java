package dev.palisade.model.semantics;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.validation.BuiltIns;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the simulator knows: the resources, indexed, and the nodes with their interfaces. A node's
 * interfaces and addresses come from its Node resource ({@code spec.interfaces}); an interface a packet
 * names but no Node lists exists too, without addresses. The built-in tiers and default-allow profile are
 * always there; later resources replace earlier ones of the same kind and name, as {@code apply} would.
 */
public final class World {

    private final Map<String, HostEndpoint> hostEndpoints = new TreeMap<>();
    private final Map<String, GlobalNetworkPolicy> policies = new TreeMap<>();
    private final Map<String, GlobalNetworkSet> globalNetworkSets = new TreeMap<>();
    private final Map<String, NetworkSet> networkSets = new TreeMap<>();
    private final Map<String, Tier> tiers = new HashMap<>();
    private final Map<String, Profile> profiles = new HashMap<>();
    private final Map<String, FelixConfiguration> felixConfigurations = new HashMap<>();
    private final Map<String, Node> nodes = new TreeMap<>();

    private World() {
    }

    public static World of(Collection<? extends Resource> resources) {
        World w = new World();
        BuiltIns.all().forEach(w::add);
        resources.forEach(w::add);
        return w;
    }

    private void add(Resource r) {
        String name = r.metadata().name();
        switch (r) {
            case HostEndpoint h -> hostEndpoints.put(name, h);
            case GlobalNetworkPolicy p -> policies.put(name, p);
            case GlobalNetworkSet s -> globalNetworkSets.put(name, s);
            case NetworkSet s -> networkSets.put(r.metadata().namespace() + "/" + name, s);
            case Tier t -> tiers.put(name, t);
            case Profile p -> profiles.put(name, p);
            case FelixConfiguration f -> felixConfigurations.put(name, f);
            case Node n -> nodes.put(name, n);
            // Namespaced policy never selects a host endpoint (spec §1.3) and the rest carry no policy.
            default -> {
            }
        }
    }

    /** A node exists if a Node resource or a host endpoint names it. */
    public boolean hasNode(String node) {
        return nodes.containsKey(node) || hostEndpoints.values().stream().anyMatch(h -> node.equals(h.spec().node()));
    }

    /** Every node a Node resource or a host endpoint names, sorted. */
    public java.util.SortedSet<String> nodeNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(nodes.keySet());
        hostEndpoints.values().forEach(h -> names.add(h.spec().node()));
        return names;
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public Collection<HostEndpoint> hostEndpoints() {
        return hostEndpoints.values();
    }

    public List<HostEndpoint> hostEndpointsOn(String node) {
        return hostEndpoints.values().stream().filter(h -> node.equals(h.spec().node())).toList();
    }

    public Collection<GlobalNetworkPolicy> globalNetworkPolicies() {
        return policies.values();
    }

    public Collection<GlobalNetworkSet> globalNetworkSets() {
        return globalNetworkSets.values();
    }

    public Collection<NetworkSet> networkSets() {
        return networkSets.values();
    }

    public Optional<Tier> tier(String name) {
        return Optional.ofNullable(tiers.get(name));
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The interfaces a node's Node resource lists, in its order. */
    public List<String> interfaces(String node) {
        Node n = nodes.get(node);
        return n == null ? List.of() : n.spec().interfaces().stream().map(NodeSpec.NodeInterface::name).toList();
    }

    /** The addresses configured on an interface of a node, as its Node resource lists them. */
    public List<IpAddress> interfaceAddresses(String node, String iface) {
        Node n = nodes.get(node);
        if (n == null) {
            return List.of();
        }
        return n.spec().interfaces().stream()
                .filter(i -> iface.equals(i.name()))
                .map(NodeSpec.NodeInterface::addresses)
                .flatMap(List::stream)
                .flatMap(a -> Cidr.parse(a).stream())
                .map(Cidr::address)
                .toList();
    }

    /** Endpoint labels for selectors: the endpoint's own, then each profile's labelsToApply not already set. */
    public Map<String, String> labels(HostEndpoint hep) {
        return inheriting(hep.metadata().labels(), hep.spec().profiles());
    }

    /** Network set labels for rule selectors: see {@link NetworkSetLabels}. */
    public Map<String, String> labels(NetworkSet set) {
        return inheriting(NetworkSetLabels.own(set), NetworkSetLabels.profiles(set));
    }

    private Map<String, String> inheriting(Map<String, String> own, List<String> profiles) {
        Map<String, String> labels = new LinkedHashMap<>(own);
        for (String profile : profiles) {
            profile(profile).ifPresent(p -> p.spec().labelsToApply().forEach(labels::putIfAbsent));
        }
        return labels;
    }

    public FelixSettings felixSettings(String node) {
        return FelixSettings.resolve(felixConfigurations.get(FelixConfiguration.NODE_PREFIX + node),
                felixConfigurations.get(FelixConfiguration.DEFAULT_NAME));
    }

    /** Host endpoints of a node ordered by name: Felix's tie-break whenever several could govern. */
    static Comparator<HostEndpoint> byName() {
        return Comparator.comparing(h -> h.metadata().name());
    }
}
