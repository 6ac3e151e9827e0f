package dev.palisade.hepcontroller.adapter.kubernetes;

import dev.palisade.hepcontroller.core.NodeSource;
import dev.palisade.model.resource.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Kubernetes v1 Nodes through a fabric8 {@link SharedIndexInformer}: it lists, then watches, and relists by
 * itself when a watch expires (HTTP 410 Gone) or breaks, turning the difference into add/update/delete events.
 * Each event that changes what Palisade keeps of a node (labels, IP addresses) passes the node's name on;
 * the periodic resync and status-only updates (heartbeats, conditions) do not. Reads come from the informer's
 * cache.
 */
public final class KubernetesNodeSource implements NodeSource, AutoCloseable {

    /** {@code palisade.hep-controller.kubernetes.config} value for the pod's service account. */
    public static final String IN_CLUSTER = "in-cluster";

    private static final Logger LOG = Logger.getLogger(KubernetesNodeSource.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Node> informer;

    private KubernetesNodeSource(KubernetesClient client, Duration resync, Consumer<String> changed,
                                 Runnable synced) {
        this.client = client;
        this.informer = client.nodes().runnableInformer(resync.toMillis());
        informer.addEventHandler(new Handler(changed));
        // keep retrying when the API server is away at start, as after a start
        informer.exceptionHandler((started, error) -> {
            LOG.warnf("Kubernetes nodes: %s; retrying", error.toString());
            return true;
        });
        informer.start().thenRun(synced);
    }

    /**
     * Starts watching. {@code config}: {@value #IN_CLUSTER}, or the path of a kubeconfig file. {@code changed}
     * receives node names; {@code synced} runs once the first list is in the cache.
     */
    public static KubernetesNodeSource start(String config, Duration resync, Consumer<String> changed,
                                             Runnable synced) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config(config)).build();
        LOG.infof("Kubernetes node source: watching v1 Nodes at %s", client.getMasterUrl());
        return new KubernetesNodeSource(client, resync, changed, synced);
    }

    private static Config config(String config) {
        if (IN_CLUSTER.equals(config)) {
            return Config.autoConfigure(null);
        }
        Path file = Path.of(config);
        try {
            return Config.fromKubeconfig(null, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("palisade.hep-controller.kubernetes.config: cannot read kubeconfig "
                    + file, e);
        }
    }

    @Override
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(informer.getStore().getByKey(name)).map(KubernetesNodes::toPalisade);
    }

    @Override
    public Set<String> names() {
        return new HashSet<>(informer.getStore().listKeys());
    }

    @Override
    public void close() {
        informer.stop();
        client.close();
    }

    private record Handler(Consumer<String> changed) implements ResourceEventHandler<io.fabric8.kubernetes.api.model.Node> {
        @Override
        public void onAdd(io.fabric8.kubernetes.api.model.Node node) {
            changed.accept(node.getMetadata().getName());
        }

        @Override
        public void onUpdate(io.fabric8.kubernetes.api.model.Node before, io.fabric8.kubernetes.api.model.Node after) {
            if (!Objects.equals(KubernetesNodes.toPalisade(before), KubernetesNodes.toPalisade(after))) {
                changed.accept(after.getMetadata().getName());
            }
        }

        @Override
        public void onDelete(io.fabric8.kubernetes.api.model.Node node, boolean finalStateUnknown) {
            changed.accept(node.getMetadata().getName());
        }
    }
}
