package dev.palisade.ingest.core.guard;

import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.semantics.LockoutCheck;
import dev.palisade.model.semantics.VerdictChange;

import java.util.List;

/**
 * Runs the model's {@link LockoutCheck} on the stored state before a write is committed. Without any
 * LockoutGuard stored (and the write not being one) it costs one listing of that kind. The check and the
 * write are not one transaction: a concurrent write can slip between them, as with any admission check.
 */
public final class WriteGuard {

    private final Datastore store;

    public WriteGuard(Datastore store) {
        this.store = store;
    }

    /**
     * What the write would cut; refused unless {@code force}.
     *
     * @param written the resource as it would be stored, or null for a delete
     * @return the cuts a forced write makes (empty when it cuts nothing)
     * @throws LockoutException when it would cut a protected flow and is not forced
     */
    public List<VerdictChange> check(ResourceKey key, Resource written, boolean force) {
        if (!LockoutCheck.INPUTS.contains(key.kind())) {
            return List.of();
        }
        if (key.kind() != Kind.LOCKOUT_GUARD && store.list(Kind.LOCKOUT_GUARD, null).items().isEmpty()) {
            return List.of();
        }
        List<VerdictChange> cuts = LockoutCheck.cuts(SimulatorInputs.read(store), key, written);
        if (!cuts.isEmpty() && !force) {
            throw new LockoutException(key, cuts);
        }
        return cuts;
    }
}
