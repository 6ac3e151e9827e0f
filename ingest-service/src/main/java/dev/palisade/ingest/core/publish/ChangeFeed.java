package dev.palisade.ingest.core.publish;

import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.event.ResourceEvent;

import java.util.List;

/** The datastore's ordered history of committed changes, and a way to read everything at once. */
public interface ChangeFeed {

    /** Receives changes in revision order; one call per batch the datastore delivers. */
    interface Listener {
        void onChanges(List<ResourceEvent> changes);

        /** The history before {@code compactRevision} is gone: a snapshot is needed. */
        void onCompacted(long compactRevision);

        void onError(Throwable error);
    }

    /** Starts delivering changes with revision {@code fromRevision} and later; closing stops it. */
    AutoCloseable watch(long fromRevision, Listener listener);

    /** Every stored resource, read at one revision. */
    Listing snapshot();
}
