package dev.palisade.driver.backend;

import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;
import dev.palisade.model.dataplane.RuleCounter;

import java.util.List;

/**
 * A kernel packet-filter backend, as the driver loop uses it: render a node's desired state for the governed
 * interfaces and bring the kernel to it in one atomic transaction, and tell whether the kernel still holds
 * what was applied. nftables and iptables implement it, {@link SwitchingBackend} picks one per node; both pass
 * the same tests. Not thread-safe except where a method says so: one caller (the driver loop).
 */
public interface DataplaneBackend extends AutoCloseable {

    /**
     * Renders {@code state} and commits the difference in one transaction, all or nothing.
     *
     * @param fromKernel diff against what the kernel holds now (at start, after a failure, after drift) rather
     *                   than against the backend's own record of its last commit
     */
    Applied apply(NodeState state, InterfaceAssignment governance, boolean fromKernel) throws DataplaneException;

    /** Removes every rule, chain and set this backend owns (the node switched to the other backend). */
    void removeAll() throws DataplaneException;

    /** The size of what the last committed transaction left in the kernel (nothing before the first). */
    Size size();

    /**
     * Reads back the kernel's copy of the backend's rules. Called on the drift thread, never concurrently with
     * itself; may be slow. The snapshot is compared on the loop thread by {@link #drift}.
     */
    KernelSnapshot readKernel() throws DataplaneException;

    /** How {@code snapshot} differs from what was last applied, human-readable; empty when it holds exactly that. */
    List<String> drift(KernelSnapshot snapshot);

    /**
     * What the kernel counted for each rule of the policies the last committed transaction enforces, per
     * (tier, policy, direction, rule), from {@code snapshot}; a chain that no longer holds what was applied
     * (drift) is left out. Called on the drift thread; pure apart from reading the last applied state.
     */
    List<RuleCounter> ruleCounters(KernelSnapshot snapshot);

    /**
     * Cheap, thread-safe: whether something may have changed the backend's rules since the last
     * {@link #readKernel} began. A backend that cannot tell answers true, and every drift check reads the kernel.
     */
    boolean changedSinceLastRead();

    /** Stops whatever the backend runs beside the kernel (a change monitor). */
    @Override
    default void close() {
    }

    /** The kernel's copy of the backend's rules, as far as the backend needs it to detect drift. */
    interface KernelSnapshot {
    }

    /** A committed transaction: its operations (0 when nothing had to change) and the kernel's share of the time. */
    record Applied(int operations, long kernelNanos, Size size) {
    }

    record Size(int rules, int sets, int setElements) {
        public static final Size NONE = new Size(0, 0, 0);
    }
}
