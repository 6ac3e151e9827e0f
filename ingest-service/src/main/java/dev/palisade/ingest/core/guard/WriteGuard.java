package dev.palisade.ingest.core.guard;

import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.semantics.LockoutCheck;
import dev.palisade.model.semantics.VerdictChange;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the model's {@link LockoutCheck} on the stored state before a write is committed. Without any
 * LockoutGuard stored (and the write not being one) it costs one listing of that kind. The check and the
 * write are not one transaction: a concurrent write can slip between them, as with any admission check.
 * <p>
 * The check of the stored state is kept with the datastore revision it was read at: while the revision has
 * not moved it serves the next write as is, and a write committed here that is the only one since moves it
 * on ({@link #committed}) keeping what the write did not change. Only a write from elsewhere (another
 * replica, a direct etcd write) makes the next check read the state and work it out again.
 */
public final class WriteGuard {

    private record Kept(long revision, LockoutCheck check) {
    }

    private final Datastore store;
    private final AtomicReference<Kept> kept = new AtomicReference<>();

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
        Listing guards = store.list(Kind.LOCKOUT_GUARD, null);
        if (key.kind() != Kind.LOCKOUT_GUARD && guards.items().isEmpty()) {
            return List.of();
        }
        List<VerdictChange> cuts = stateAt(guards.revision()).cuts(key, written);
        if (!cuts.isEmpty() && !force) {
            throw new LockoutException(key, cuts);
        }
        return cuts;
    }

    /**
     * A write was committed at {@code revision}. When the kept state is of the revision just before, this
     * write is the only change since: the kept state moves on by it. Otherwise the kept state is left as is
     * (its revision no longer matches, so the next check reads afresh).
     *
     * @param stored the resource as stored, or null for a delete
     */
    public void committed(ResourceKey key, Resource stored, long revision) {
        kept.updateAndGet(k -> k != null && k.revision() == revision - 1
                ? new Kept(revision, k.check().after(key, stored)) : k);
    }

    /** The check of the stored state at {@code revision}; kept only if nothing was written while reading it. */
    private LockoutCheck stateAt(long revision) {
        Kept k = kept.get();
        if (k != null && k.revision() == revision) {
            return k.check();
        }
        LockoutCheck check = LockoutCheck.of(SimulatorInputs.read(store));
        if (store.list(Kind.LOCKOUT_GUARD, null).revision() == revision) {
            kept.set(new Kept(revision, check));
        }
        return check;
    }
}
