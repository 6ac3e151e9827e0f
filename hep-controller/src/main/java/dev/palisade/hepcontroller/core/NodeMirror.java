package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps the stored Node resources in line with a {@link NodeSource}: labels and addresses come from the
 * source, everything else a Node carries (BGP, interfaces, other annotations) is left as it is. Compares with
 * the controller's view first, so a source event that changes nothing Palisade keeps (a status heartbeat, a
 * relist after a watch expired) writes nothing. Nodes it writes carry {@link #SOURCE_ANNOTATION}; only those
 * are ever deleted, so Nodes that arrive as CloudEvents or through the API for hosts outside the cluster stay.
 */
public final class NodeMirror {

    /** Marks a Node as mirrored from the source (Calico marks them with {@code spec.orchRefs}). */
    public static final String SOURCE_ANNOTATION = "palisade.dev/node-source";

    /** What one node's sync did. */
    public enum Change { NONE, CREATED, UPDATED, DELETED }

    private final NodeSource source;
    private final ClusterView view;
    private final NodeStore store;
    private final String sourceName;

    public NodeMirror(NodeSource source, ClusterView view, NodeStore store, String sourceName) {
        this.source = source;
        this.view = view;
        this.store = store;
        this.sourceName = sourceName;
    }

    /** Does nothing until the source has synced: before that a missing node may just not be listed yet. */
    public Change sync(String name) {
        if (!source.synced()) {
            return Change.NONE;
        }
        Optional<Node> current = view.node(name);
        Optional<Node> wanted = source.node(name);
        if (wanted.isEmpty()) {
            if (current.isPresent() && isMirrored(current.get())) {
                store.delete(name);
                return Change.DELETED;
            }
            return Change.NONE;
        }
        if (current.isEmpty()) {
            store.create(merged(null, wanted.get()));
            return Change.CREATED;
        }
        if (matches(current.get(), wanted.get())) {
            return Change.NONE;
        }
        store.update(merged(current.get(), wanted.get()));
        return Change.UPDATED;
    }

    /** Every node the source lists, and every mirrored node the view still holds. */
    public List<Change> syncAll() {
        if (!source.synced()) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(source.names());
        view.nodes().stream().filter(NodeMirror::isMirrored).forEach(n -> names.add(n.metadata().name()));
        return names.stream().map(this::sync).toList();
    }

    public static boolean isMirrored(Node node) {
        return node.metadata().annotations().containsKey(SOURCE_ANNOTATION);
    }

    private boolean matches(Node current, Node wanted) {
        return current.metadata().labels().equals(wanted.metadata().labels())
                && sourceName.equals(current.metadata().annotations().get(SOURCE_ANNOTATION))
                && current.spec().addresses().equals(wanted.spec().addresses());
    }

    /** The current node (or a new one) with the source's labels and addresses and the source annotation. */
    private Node merged(Node currentOrNull, Node wanted) {
        ObjectMeta base = currentOrNull == null ? wanted.metadata() : currentOrNull.metadata();
        Map<String, String> annotations = new HashMap<>(base.annotations());
        annotations.put(SOURCE_ANNOTATION, sourceName);
        ObjectMeta meta = new ObjectMeta(base.name(), null, wanted.metadata().labels(), annotations,
                base.resourceVersion(), base.uid(), base.creationTimestamp());
        NodeSpec spec = currentOrNull == null ? wanted.spec() : currentOrNull.spec();
        return new Node(meta, new NodeSpec(spec.bgp(), spec.ipv4VXLANTunnelAddr(), spec.ipv6VXLANTunnelAddr(),
                spec.wireguard(), wanted.spec().addresses(), spec.interfaces()));
    }
}
