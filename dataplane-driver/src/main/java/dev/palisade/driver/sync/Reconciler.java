package dev.palisade.driver.sync;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.DataplaneException;
import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;

import java.util.List;

/**
 * Brings the kernel to the desired state in one transaction per call, through whichever backend the driver
 * runs. A partial sync diffs against the backend's own record of what it applied (cheap whatever the table
 * size); a full sync, needed at start, after any failure and after drift, first reads the kernel so that what
 * is already right stays untouched and nothing working is flushed needlessly. Not thread-safe: one caller
 * (the driver loop).
 */
public final class Reconciler {

    private final DataplaneBackend backend;
    private boolean needFullSync = true;
    private long enforcedRevision = -1;

    public Reconciler(DataplaneBackend backend) {
        this.backend = backend;
    }

    public SyncResult sync(NodeState state, List<HostInterface> interfaces) {
        long start = System.nanoTime();
        boolean full = needFullSync;
        try {
            InterfaceAssignment governance = InterfaceAssignment.of(state.endpoints().values(), interfaces,
                    state.effectiveConfig());
            DataplaneBackend.Applied applied = backend.apply(state, governance, full);
            needFullSync = false;
            enforcedRevision = state.revision();
            return new SyncResult(state.revision(), full, applied.operations(), System.nanoTime() - start,
                    applied.kernelNanos(), applied.size().rules(), applied.size().sets(),
                    applied.size().setElements(), null);
        } catch (DataplaneException | RuntimeException e) {
            needFullSync = true;
            String error = e instanceof DataplaneException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            DataplaneBackend.Size size = backend.size();
            return new SyncResult(state.revision(), full, 0, System.nanoTime() - start, 0, size.rules(), size.sets(),
                    size.setElements(), error);
        }
    }

    /** The next sync reads the kernel first (drift found, or the caller knows the table was changed). */
    public void requestFullSync() {
        needFullSync = true;
    }

    public boolean needsFullSync() {
        return needFullSync;
    }

    public long enforcedRevision() {
        return enforcedRevision;
    }
}
