package dev.palisade.ingest.core.guard;

import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.LockoutCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The stored resources the simulator reads, and the lockout guards: what every check and preview starts from. */
public final class SimulatorInputs {

    private SimulatorInputs() {
    }

    public static List<Resource> read(Datastore store) {
        List<Resource> current = new ArrayList<>();
        LockoutCheck.INPUTS.forEach(kind -> current.addAll(store.list(kind, null).items()));
        return current;
    }

    /** The same as of a past revision; empty when the datastore no longer has it. */
    public static Optional<List<Resource>> readAt(Datastore store, long revision) {
        List<Resource> then = new ArrayList<>();
        for (Kind kind : LockoutCheck.INPUTS) {
            Optional<Listing> listing = store.listAt(kind, revision);
            if (listing.isEmpty()) {
                return Optional.empty();
            }
            then.addAll(listing.get().items());
        }
        return Optional.of(then);
    }
}
