package dev.palisade.hepcontroller.core;

/** A unit of work for the reconcile loop: one node's endpoints, or all of them. */
public sealed interface WorkKey {

    record NodeKey(String name) implements WorkKey {
    }

    /** Every node, and every node that still has owned endpoints. */
    record FullSync() implements WorkKey {
    }

    FullSync FULL_SYNC = new FullSync();

    static WorkKey node(String name) {
        return new NodeKey(name);
    }
}
