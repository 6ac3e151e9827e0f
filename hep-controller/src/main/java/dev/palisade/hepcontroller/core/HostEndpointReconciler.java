package dev.palisade.hepcontroller.core;

import dev.palisade.hepcontroller.core.ReconcileResult.Created;
import dev.palisade.hepcontroller.core.ReconcileResult.Deleted;
import dev.palisade.hepcontroller.core.ReconcileResult.Noop;
import dev.palisade.hepcontroller.core.ReconcileResult.Updated;
import dev.palisade.model.resource.HostEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Brings stored host endpoints to a desired state, one name or one batch at a time, through a
 * {@link HostEndpointStore}. Only endpoints the controller owns are ever updated or deleted.
 */
public final class HostEndpointReconciler {

    private final HostEndpointStore store;

    public HostEndpointReconciler(HostEndpointStore store) {
        this.store = store;
    }

    /** Creates, updates or deletes (when {@code desiredOrNull} is null) the endpoint called {@code name}. */
    public ReconcileResult reconcile(String name, HostEndpoint desiredOrNull) {
        Optional<HostEndpoint> current = store.get(name);
        if (desiredOrNull == null) {
            if (current.isPresent() && HostEndpointModel.isOwned(current.get())) {
                store.delete(name);
                return new Deleted(name);
            }
            return new Noop(name);
        }
        if (current.isEmpty()) {
            return new Created(store.create(desiredOrNull));
        }
        HostEndpoint existing = current.get();
        if (!HostEndpointModel.isOwned(existing) || !HostEndpointModel.needsUpdate(existing, desiredOrNull)) {
            return new Noop(name);
        }
        return new Updated(store.update(HostEndpointModel.updated(existing, desiredOrNull)));
    }

    /**
     * Reconciles every desired endpoint, then deletes owned endpoints within {@code scope} that are not
     * desired. Results come in that order: desired names first, then deletions.
     */
    public List<ReconcileResult> batchReconcile(Map<String, HostEndpoint> desired, Predicate<HostEndpoint> scope) {
        List<ReconcileResult> results = new ArrayList<>(reconcileAll(desired));
        for (HostEndpoint hep : store.list()) {
            String name = hep.metadata().name();
            if (HostEndpointModel.isOwned(hep) && scope.test(hep) && !desired.containsKey(name)) {
                results.add(reconcile(name, null));
            }
        }
        return results;
    }

    /** Creates and updates only: for a node whose desired set is incomplete. */
    public List<ReconcileResult> reconcileAll(Map<String, HostEndpoint> desired) {
        return desired.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> reconcile(e.getKey(), e.getValue()))
                .toList();
    }
}
