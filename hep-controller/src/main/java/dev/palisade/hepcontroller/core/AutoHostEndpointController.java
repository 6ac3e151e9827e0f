package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The node controller's host endpoint part (spec §6), as a list of steps over the current state: read the
 * node and config from the view, compute the desired endpoints, reconcile them through the store.
 */
public final class AutoHostEndpointController {

    private final ClusterView view;
    private final HostEndpointReconciler reconciler;
    private final HostEndpointStore store;

    public AutoHostEndpointController(ClusterView view, HostEndpointStore store) {
        this.view = view;
        this.store = store;
        this.reconciler = new HostEndpointReconciler(store);
    }

    /** The outcome of syncing one node: what changed, and what could not be evaluated. */
    public record NodeSync(String node, List<ReconcileResult> results, List<String> problems) {
    }

    /** A node that is gone, or auto-creation off, leaves the node with no owned endpoints. */
    public NodeSync syncNode(String nodeName) {
        Optional<Node> node = view.node(nodeName);
        DesiredHostEndpoints desired = node.isPresent()
                ? HostEndpointModel.desired(node.get(), view.nodeConfig())
                : DesiredHostEndpoints.none(nodeName);
        List<ReconcileResult> results = desired.complete()
                ? reconciler.batchReconcile(desired.byName(), hep -> nodeName.equals(nodeOf(hep)))
                : reconciler.reconcileAll(desired.byName());
        return new NodeSync(nodeName, results, desired.problems());
    }

    /**
     * Every node in the view, plus every node that still has owned endpoints; with auto-creation off, that
     * deletes all owned endpoints.
     */
    public List<NodeSync> syncAll() {
        TreeSet<String> names = new TreeSet<>();
        view.nodes().forEach(n -> names.add(n.metadata().name()));
        for (HostEndpoint hep : store.list()) {
            if (HostEndpointModel.isOwned(hep)) {
                names.add(nodeOf(hep));
            }
        }
        List<NodeSync> out = new ArrayList<>();
        names.forEach(n -> out.add(syncNode(n)));
        return out;
    }

    private static String nodeOf(HostEndpoint hep) {
        return hep.spec().node() == null ? "" : hep.spec().node();
    }
}
