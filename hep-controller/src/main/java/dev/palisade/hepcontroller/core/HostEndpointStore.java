package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * Where host endpoints live (ingest-service's API in production). Reads return the current state; writes
 * return what the store saved, with its resourceVersion. Failures are thrown as {@link StoreException}.
 */
public interface HostEndpointStore {

    Optional<HostEndpoint> get(String name);

    /** Every host endpoint, owned or not. */
    List<HostEndpoint> list();

    HostEndpoint create(HostEndpoint hep);

    /** Replaces the endpoint; fails if its resourceVersion is no longer the stored one. */
    HostEndpoint update(HostEndpoint hep);

    /** Deleting an endpoint that is already gone is not an error. */
    void delete(String name);

    /** A store call that did not happen; the loop retries the work later. */
    final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }

        public StoreException(String message) {
            super(message);
        }
    }
}
