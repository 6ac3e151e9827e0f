package dev.palisade.driver.backend;

import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;
import dev.palisade.model.dataplane.RuleCounter;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The driver's backend: the one {@link BackendChoice} picks for the node's current settings, switched within one
 * apply when the choice changes. A switch installs the new backend's rules (read against the kernel) before it
 * removes the old backend's, so the node is never unfiltered: in between both filter, each enforcing the same
 * policy. If the new backend refuses the state, the old one stays in force untouched; if removing the old one
 * fails, every later apply retries it and reports the failure until it succeeds. On the first apply the other
 * backend's leftovers from an earlier run (the node was switched while the driver was down) are removed, best
 * effort: a node without that backend's tools has none.
 */
public final class SwitchingBackend implements DataplaneBackend {

    private static final Logger LOG = Logger.getLogger(SwitchingBackend.class.getName());

    private final BackendChoice choice;
    private final Function<BackendKind, DataplaneBackend> factory;
    // held by a drift read and by a switch: the backend a read is using is never removed or closed under it
    private final ReentrantLock kernelLock = new ReentrantLock();
    private volatile Active active;
    private Active leftover;

    private record Active(BackendKind kind, DataplaneBackend backend) {
    }

    /** A snapshot with the backend that read it: after a switch, the old backend's reads are stale. */
    private record Owned(DataplaneBackend owner, KernelSnapshot snapshot) implements KernelSnapshot {
    }

    public SwitchingBackend(BackendChoice choice, Function<BackendKind, DataplaneBackend> factory) {
        this.choice = choice;
        this.factory = factory;
    }

    /** The backend in force; null before the first apply. */
    public BackendKind kind() {
        Active now = active;
        return now == null ? null : now.kind();
    }

    @Override
    public Applied apply(NodeState state, InterfaceAssignment governance, boolean fromKernel) throws DataplaneException {
        BackendKind wanted = choice.choose(state.effectiveConfig().nftablesMode());
        Active now = active;
        if (now != null && now.kind() == wanted) {
            Applied applied = now.backend().apply(state, governance, fromKernel);
            removeLeftover();
            return applied;
        }
        DataplaneBackend next = factory.apply(wanted);
        Applied applied;
        try {
            applied = next.apply(state, governance, true);
        } catch (DataplaneException | RuntimeException e) {
            next.close();
            throw e;
        }
        kernelLock.lock();
        try {
            active = new Active(wanted, next);
        } finally {
            kernelLock.unlock();
        }
        if (now != null) {
            LOG.info("switched from " + now.kind() + " to " + wanted + "; removing " + now.kind() + "'s rules");
            leftover = now;
            removeLeftover();
        } else {
            removeEarlierRun(other(wanted));
        }
        return applied;
    }

    private void removeLeftover() throws DataplaneException {
        if (leftover == null) {
            return;
        }
        kernelLock.lock();
        try {
            leftover.backend().removeAll();
            leftover.backend().close();
            leftover = null;
        } catch (RuntimeException e) {
            throw new DataplaneException("removing " + leftover.kind() + "'s rules after the switch failed: " + e);
        } finally {
            kernelLock.unlock();
        }
    }

    private void removeEarlierRun(BackendKind kind) {
        try (DataplaneBackend earlier = factory.apply(kind)) {
            earlier.removeAll();
        } catch (DataplaneException | RuntimeException e) {
            LOG.log(Level.INFO, "no " + kind + " rules of an earlier run removed: {0}", e.getMessage());
        }
    }

    private static BackendKind other(BackendKind kind) {
        return kind == BackendKind.NFTABLES ? BackendKind.IPTABLES : BackendKind.NFTABLES;
    }

    @Override
    public void removeAll() throws DataplaneException {
        Active now = active;
        if (now != null) {
            now.backend().removeAll();
        }
    }

    @Override
    public Size size() {
        Active now = active;
        return now == null ? Size.NONE : now.backend().size();
    }

    @Override
    public KernelSnapshot readKernel() throws DataplaneException {
        kernelLock.lock();
        try {
            Active now = active;
            return now == null ? new Owned(null, null) : new Owned(now.backend(), now.backend().readKernel());
        } finally {
            kernelLock.unlock();
        }
    }

    @Override
    public List<String> drift(KernelSnapshot snapshot) {
        Owned owned = (Owned) snapshot;
        Active now = active;
        return now == null || owned.owner() != now.backend() ? List.of() : now.backend().drift(owned.snapshot());
    }

    @Override
    public List<RuleCounter> ruleCounters(KernelSnapshot snapshot) {
        Owned owned = (Owned) snapshot;
        Active now = active;
        return now == null || owned.owner() != now.backend() ? List.of() : now.backend().ruleCounters(owned.snapshot());
    }

    @Override
    public boolean changedSinceLastRead() {
        Active now = active;
        return now == null || now.backend().changedSinceLastRead();
    }

    @Override
    public void close() {
        Active now = active;
        if (now != null) {
            now.backend().close();
        }
        if (leftover != null) {
            leftover.backend().close();
        }
    }
}
