package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The controller's local copy of the resources it watches (nodes, host endpoints, the {@code default}
 * KubeControllersConfiguration), fed in order by one writer and read by the reconcile loop. Existence comes
 * from the value: a null value removes the key.
 */
public final class ResourceView implements ClusterView {

    private final ConcurrentMap<String, Node> nodes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, HostEndpoint> hostEndpoints = new ConcurrentHashMap<>();
    private final String autoHostEndpointsOverride;
    private volatile KubeControllersConfiguration kcc;

    /** {@code autoHostEndpointsOverride}: Calico's {@code AUTO_HOST_ENDPOINTS} variable, or null. */
    public ResourceView(String autoHostEndpointsOverride) {
        // Fails here, at start-up, on a value that is neither enabled nor disabled.
        KccNodeConfig.DEFAULTS.withEnvironmentOverride(autoHostEndpointsOverride);
        this.autoHostEndpointsOverride = autoHostEndpointsOverride;
    }

    /** Records the new state of {@code key} and returns the one it replaces; other kinds are ignored. */
    public Resource apply(ResourceKey key, Resource valueOrNull) {
        return switch (key.kind()) {
            case NODE -> put(nodes, key.name(), (Node) valueOrNull);
            case HOST_ENDPOINT -> put(hostEndpoints, key.name(), (HostEndpoint) valueOrNull);
            case KUBE_CONTROLLERS_CONFIGURATION -> {
                if (!KubeControllersConfiguration.DEFAULT_NAME.equals(key.name())) {
                    yield null;
                }
                KubeControllersConfiguration previous = kcc;
                kcc = (KubeControllersConfiguration) valueOrNull;
                yield previous;
            }
            default -> null;
        };
    }

    private static <T extends Resource> T put(ConcurrentMap<String, T> map, String name, T valueOrNull) {
        return valueOrNull == null ? map.remove(name) : map.put(name, valueOrNull);
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public Collection<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public KccNodeConfig nodeConfig() {
        return KccNodeConfig.of(kcc).withEnvironmentOverride(autoHostEndpointsOverride);
    }

    /** Every key held, for dropping those a resync snapshot no longer contains. */
    public List<ResourceKey> keys() {
        List<ResourceKey> keys = new ArrayList<>();
        nodes.values().forEach(n -> keys.add(n.key()));
        hostEndpoints.values().forEach(h -> keys.add(h.key()));
        KubeControllersConfiguration current = kcc;
        if (current != null) {
            keys.add(current.key());
        }
        return keys;
    }

    public Optional<HostEndpoint> hostEndpoint(String name) {
        return Optional.ofNullable(hostEndpoints.get(name));
    }

    public List<HostEndpoint> hostEndpoints() {
        return List.copyOf(hostEndpoints.values());
    }
}
