package dev.palisade.driver.sync;

import dev.palisade.driver.core.Governance;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.InterfaceGovernance;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.nft.AppliedState;
import dev.palisade.driver.nft.NftDiffer;
import dev.palisade.driver.nft.NftException;
import dev.palisade.driver.nft.NftPort;
import dev.palisade.driver.nft.NftRenderer;
import dev.palisade.driver.nft.NftTransaction;
import dev.palisade.driver.nft.Ruleset;

import java.util.List;

/**
 * Brings the kernel's table to the desired state in one transaction per call. A partial sync diffs against
 * the driver's own record of what it applied (cheap whatever the table size); a full sync, needed at start,
 * after any failure and after drift, first reads the kernel's table so that chains already right stay
 * untouched and nothing working is flushed needlessly. Not thread-safe: one caller (the driver loop).
 */
public final class Reconciler {

    private final NftPort port;
    private final NftRenderer renderer;
    private AppliedState applied = AppliedState.ABSENT;
    private boolean needFullSync = true;
    private long enforcedRevision = -1;

    public Reconciler(NftPort port, NftRenderer renderer) {
        this.port = port;
        this.renderer = renderer;
    }

    public SyncResult sync(NodeState state, List<HostInterface> interfaces) {
        long start = System.nanoTime();
        boolean full = needFullSync;
        try {
            Governance governance = InterfaceGovernance.govern(state.endpoints().values(), interfaces,
                    state.effectiveConfig());
            Ruleset desired = renderer.render(state, governance);
            AppliedState base = full ? port.listTable().map(AppliedState::fromKernel).orElse(AppliedState.ABSENT)
                    : applied;
            NftTransaction tx = NftDiffer.diff(desired, base);
            long kernelStart = System.nanoTime();
            if (!tx.isEmpty()) {
                port.run(tx);
            }
            long kernelNanos = System.nanoTime() - kernelStart;
            applied = AppliedState.of(desired);
            needFullSync = false;
            enforcedRevision = state.revision();
            return new SyncResult(state.revision(), full, tx.operations().size(), System.nanoTime() - start,
                    kernelNanos, desired.ruleCount(), desired.sets().size(), desired.elementCount(), null);
        } catch (NftException | RuntimeException e) {
            needFullSync = true;
            String error = e instanceof NftException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new SyncResult(state.revision(), full, 0, System.nanoTime() - start, 0, applied.ruleCount(),
                    applied.sets().size(), applied.elementCount(), error);
        }
    }

    /** The next sync reads the kernel first (drift found, or the caller knows the table was changed). */
    public void requestFullSync() {
        needFullSync = true;
    }

    public boolean needsFullSync() {
        return needFullSync;
    }

    public AppliedState applied() {
        return applied;
    }

    public long enforcedRevision() {
        return enforcedRevision;
    }
}
