package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;

/** What one reconcile of one host endpoint did. */
public sealed interface ReconcileResult {

    String name();

    record Created(HostEndpoint hep) implements ReconcileResult {
        @Override
        public String name() {
            return hep.metadata().name();
        }
    }

    record Updated(HostEndpoint hep) implements ReconcileResult {
        @Override
        public String name() {
            return hep.metadata().name();
        }
    }

    /** Already as desired, absent and not desired, or a user's endpoint that the controller leaves alone. */
    record Noop(String name) implements ReconcileResult {
    }

    record Deleted(String name) implements ReconcileResult {
    }
}
