package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.Node;

/**
 * Where Node resources live (ingest-service's API in production). Failures are thrown as
 * {@link HostEndpointStore.StoreException}; the loop retries the work later.
 */
public interface NodeStore {

    Node create(Node node);

    /** Replaces the node; fails if its resourceVersion is no longer the stored one. */
    Node update(Node node);

    /** Deleting a node that is already gone is not an error. */
    void delete(String name);
}
