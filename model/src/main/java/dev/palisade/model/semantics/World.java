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
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.validation.BuiltIns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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
    // Indexes for the lockout guard, which simulates a packet per host interface of 10,000 endpoints on
    // every write: without them each packet re-scanned every endpoint and re-resolved every setting.
    private final Map<String, List<HostEndpoint>> hostEndpointsByNode = new HashMap<>();
    // Shared by reference with a world derived by with() when the write cannot change them, so what either
    // works out serves both, and the next write's derived world too.
    private Map<String, Map<String, String>> hepLabels = new ConcurrentHashMap<>();
    private Map<String, FelixSettings> felixByNode = new ConcurrentHashMap<>();
    private Map<ApplicablePolicies.Key, List<TierGroup>> applicable = new ConcurrentHashMap<>();
    // After a write that changes some endpoints' applicable policies: the world before's answers, still good
    // for the endpoints the write did not change, taken over when asked rather than copied up front.
    private Map<ApplicablePolicies.Key, List<TierGroup>> applicableBefore = Map.of();
    private Predicate<String> unchangedByWrite = name -> false;
    // after a tier write: the answers before hold the same policies, in groups to re-order and re-default
    private boolean tierWritten;
    private volatile PolicySelection policySelection;
    private volatile PeerIndex peerIndex;

    private World() {
    }

    public static World of(Collection<? extends Resource> resources) {
        World w = new World();
        BuiltIns.all().forEach(w::add);
        resources.forEach(w::add);
        for (HostEndpoint h : w.hostEndpoints.values()) {
            if (h.spec().node() != null) {
                w.hostEndpointsByNode.computeIfAbsent(h.spec().node(), n -> new ArrayList<>()).add(h);
            }
        }
        w.hostEndpointsByNode.replaceAll((node, heps) -> List.copyOf(heps));
        return w;
    }

    /**
     * This world after one write: {@code key} replaced by {@code written}, or removed when that is null (a
     * built-in comes back). What the write cannot change is shared rather than worked out again — the lockout
     * guard compares exactly such a pair on every write, and most writes touch little: a FelixConfiguration
     * changes no policy selection, a tier no endpoint's labels.
     */
    public World with(ResourceKey key, Resource written) {
        World w = new World();
        w.hostEndpoints.putAll(hostEndpoints);
        w.policies.putAll(policies);
        w.globalNetworkSets.putAll(globalNetworkSets);
        w.networkSets.putAll(networkSets);
        w.tiers.putAll(tiers);
        w.profiles.putAll(profiles);
        w.felixConfigurations.putAll(felixConfigurations);
        w.nodes.putAll(nodes);
        HostEndpoint oldHep = key.kind() == Kind.HOST_ENDPOINT ? hostEndpoints.get(key.name()) : null;
        w.remove(key);
        BuiltIns.all().stream().filter(b -> b.key().equals(key)).forEach(w::add);
        if (written != null) {
            w.add(written);
        }
        w.hostEndpointsByNode.putAll(hostEndpointsByNode);
        Kind kind = key.kind();
        w.hepLabels = kind == Kind.HOST_ENDPOINT || kind == Kind.PROFILE ? new ConcurrentHashMap<>() : hepLabels;
        w.felixByNode = kind == Kind.FELIX_CONFIGURATION ? new ConcurrentHashMap<>() : felixByNode;
        switch (kind) {
            case HOST_ENDPOINT -> {
                w.hepLabels.putAll(hepLabels);
                w.hepLabels.remove(key.name());
                Stream.of(oldHep, written).filter(Objects::nonNull).map(h -> ((HostEndpoint) h).spec().node())
                        .distinct().forEach(w::indexByNode);
            }
            case FELIX_CONFIGURATION -> {
                if (key.name().startsWith(FelixConfiguration.NODE_PREFIX)) {
                    w.felixByNode.putAll(felixByNode);
                    w.felixByNode.remove(key.name().substring(FelixConfiguration.NODE_PREFIX.length()));
                }
            }
            default -> {
            }
        }
        // which endpoints' remembered selections and applicable policies still hold after the write
        Predicate<String> unchanged = switch (kind) {
            case GLOBAL_NETWORK_POLICY -> {
                List<GlobalNetworkPolicy> both = Stream.of(policies.get(key.name()), written)
                        .filter(Objects::nonNull).map(GlobalNetworkPolicy.class::cast).toList();
                yield name -> both.stream().noneMatch(p -> PolicySelection.selects(p, labels(hostEndpoints.get(name))));
            }
            case HOST_ENDPOINT -> name -> !name.equals(key.name());
            case PROFILE -> name -> false;
            default -> name -> true;
        };
        boolean sameSelection = kind != Kind.GLOBAL_NETWORK_POLICY && kind != Kind.HOST_ENDPOINT && kind != Kind.PROFILE;
        if (sameSelection) {
            w.policySelection = policySelection();
        } else if (policySelection != null && kind != Kind.PROFILE) {
            w.policySelection = policySelection.carriedTo(w, unchanged);
        }
        if (sameSelection && kind != Kind.TIER) {
            w.applicable = applicable;
        } else {
            w.applicableBefore = applicable;
            w.unchangedByWrite = kind == Kind.TIER ? name -> true : unchanged;
            w.tierWritten = kind == Kind.TIER;
        }
        if (sameSelection && kind != Kind.GLOBAL_NETWORK_SET && kind != Kind.NETWORK_SET) {
            w.peerIndex = peerIndex();
        }
        return w;
    }

    private void remove(ResourceKey key) {
        String name = key.name();
        switch (key.kind()) {
            case HOST_ENDPOINT -> hostEndpoints.remove(name);
            case GLOBAL_NETWORK_POLICY -> policies.remove(name);
            case GLOBAL_NETWORK_SET -> globalNetworkSets.remove(name);
            case NETWORK_SET -> networkSets.remove(key.namespace() + "/" + name);
            case TIER -> tiers.remove(name);
            case PROFILE -> profiles.remove(name);
            case FELIX_CONFIGURATION -> felixConfigurations.remove(name);
            case NODE -> nodes.remove(name);
            default -> {
            }
        }
    }

    /** The node's endpoints, sorted by name, from {@link #hostEndpoints}. */
    private void indexByNode(String node) {
        if (node == null) {
            return;
        }
        List<HostEndpoint> on = hostEndpoints.values().stream().filter(h -> node.equals(h.spec().node())).toList();
        if (on.isEmpty()) {
            hostEndpointsByNode.remove(node);
        } else {
            hostEndpointsByNode.put(node, on);
        }
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
        return nodes.containsKey(node) || hostEndpointsByNode.containsKey(node);
    }

    /** Every node a Node resource or a host endpoint names, sorted. */
    public java.util.SortedSet<String> nodeNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(nodes.keySet());
        names.addAll(hostEndpointsByNode.keySet());
        return names;
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public Collection<HostEndpoint> hostEndpoints() {
        return hostEndpoints.values();
    }

    /** Sorted by name. */
    public List<HostEndpoint> hostEndpointsOn(String node) {
        return hostEndpointsByNode.getOrDefault(node, List.of());
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
        if (!owns(hep)) {
            // not this world's endpoint (a caller's own): nothing to remember it by
            return inheriting(hep.metadata().labels(), hep.spec().profiles());
        }
        return hepLabels.computeIfAbsent(hep.metadata().name(), n -> Collections.unmodifiableMap(
                inheriting(hep.metadata().labels(), hep.spec().profiles())));
    }

    /** Is this the very endpoint the world holds under its name (what answers may be remembered for)? */
    boolean owns(HostEndpoint hep) {
        return hostEndpoints.get(hep.metadata().name()) == hep;
    }

    /** The policies whose selector picks each host endpoint, indexed once per world. */
    PolicySelection policySelection() {
        PolicySelection s = policySelection;
        if (s == null) {
            s = new PolicySelection(this);
            policySelection = s;
        }
        return s;
    }

    /**
     * The policies applying to an endpoint per list and direction: remembered, else taken over from the world
     * before the write ({@code retier}ed after a tier write), else {@code compute}d.
     */
    List<TierGroup> applicable(ApplicablePolicies.Key key, Supplier<List<TierGroup>> compute,
                               UnaryOperator<List<TierGroup>> retier) {
        return applicable.computeIfAbsent(key, k -> {
            List<TierGroup> before = unchangedByWrite.test(k.hostEndpoint()) ? applicableBefore.get(k) : null;
            if (before == null) {
                return compute.get();
            }
            return tierWritten ? retier.apply(before) : before;
        });
    }

    /** What lies behind each address, for rule selectors' IP sets, indexed once per world. */
    PeerIndex peerIndex() {
        PeerIndex i = peerIndex;
        if (i == null) {
            i = new PeerIndex(this);
            peerIndex = i;
        }
        return i;
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
        return felixByNode.computeIfAbsent(node, n -> FelixSettings.resolve(
                felixConfigurations.get(FelixConfiguration.NODE_PREFIX + n),
                felixConfigurations.get(FelixConfiguration.DEFAULT_NAME)));
    }

    /** Host endpoints of a node ordered by name: Felix's tie-break whenever several could govern. */
    static Comparator<HostEndpoint> byName() {
        return Comparator.comparing(h -> h.metadata().name());
    }
}
