package dev.palisade.driver.ipt;

import dev.palisade.model.dataplane.RuleCounter;
import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.DataplaneException;
import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.ipt.diff.IptDiffer;
import dev.palisade.driver.ipt.diff.IptDrift;
import dev.palisade.driver.ipt.diff.IptState;
import dev.palisade.driver.ipt.diff.IptTransaction;
import dev.palisade.driver.ipt.kernel.CliIptables;
import dev.palisade.driver.ipt.kernel.IptablesException;
import dev.palisade.driver.ipt.render.IptRenderer;
import dev.palisade.driver.ipt.render.IptRuleset;
import dev.palisade.driver.ipt.render.IptRuleset.TableKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The iptables backend: {@link IptRenderer} renders every table of both families, {@link IptDiffer} diffs it
 * against the record of the last commit ({@link IptState}) or against {@code iptables-save}/{@code ipset save},
 * and {@link CliIptables} runs the difference. New sets are created first (no rule matches them yet), then all
 * restore inputs are checked ({@code --test}) before anything in force is changed, so a refused input leaves
 * the previous ruleset whole; then members of existing sets change, each family's tables are restored (each table atomically) and sets nothing matches any more destroyed.
 * Drift is a comparison of the listings with the record; iptables has no change feed this backend follows, so
 * every drift check reads.
 */
public final class IptBackend implements DataplaneBackend {

    private final CliIptables port;
    private final IptRenderer renderer = new IptRenderer();
    private IptState applied = IptState.ABSENT;
    private IptRuleset appliedRuleset;

    public IptBackend(CliIptables port) {
        this.port = port;
    }

    private record Listing(IptState state) implements KernelSnapshot {
    }

    @Override
    public Applied apply(NodeState state, InterfaceAssignment governance, boolean fromKernel) throws DataplaneException {
        IptRuleset desired = renderer.render(state, governance);
        IptState base = fromKernel ? read() : applied;
        IptTransaction tx = IptDiffer.diff(desired, base);
        long kernelStart = System.nanoTime();
        if (!tx.isEmpty()) {
            commit(tx);
        }
        long kernelNanos = System.nanoTime() - kernelStart;
        applied = IptState.of(desired);
        appliedRuleset = desired;
        return new Applied(tx.operations(), kernelNanos, size());
    }

    @Override
    public void removeAll() throws DataplaneException {
        IptTransaction tx = IptDiffer.diff(new IptRuleset(Map.of(), Map.of()), read());
        if (!tx.isEmpty()) {
            commit(tx);
        }
        applied = IptState.ABSENT;
        appliedRuleset = null;
    }

    private void commit(IptTransaction tx) throws IptablesException {
        if (!tx.ipsetCreate().isEmpty()) {
            port.ipsetRestore(tx.ipsetCreate());
        }
        for (Map.Entry<Integer, String> e : tx.restore().entrySet()) {
            port.test(e.getKey(), e.getValue());
        }
        if (!tx.ipsetBefore().isEmpty()) {
            port.ipsetRestore(tx.ipsetBefore());
        }
        for (Map.Entry<Integer, String> e : tx.restore().entrySet()) {
            port.restore(e.getKey(), e.getValue());
        }
        if (!tx.ipsetAfter().isEmpty()) {
            port.ipsetRestore(tx.ipsetAfter());
        }
    }

    private IptState read() throws IptablesException {
        Map<TableKey, IptState.Table> tables = new LinkedHashMap<>();
        tables.putAll(IptState.parseSave(4, port.save(4)));
        tables.putAll(IptState.parseSave(6, port.save(6)));
        return new IptState(tables, IptState.parseIpsetSave(port.ipsetSave()));
    }

    @Override
    public Size size() {
        return appliedRuleset == null ? Size.NONE
                : new Size(appliedRuleset.ruleCount(), appliedRuleset.sets().size(), appliedRuleset.elementCount());
    }

    @Override
    public KernelSnapshot readKernel() throws DataplaneException {
        return new Listing(read());
    }

    /**
     * None yet: the snapshot is read without {@code -c}, and mapping iptables rules back to policy rules (what
     * {@code RuleOrigins} does for nftables) is not built, so iptables nodes report no per-rule hits.
     */
    @Override
    public List<RuleCounter> ruleCounters(KernelSnapshot snapshot) {
        return List.of();
    }

    @Override
    public List<String> drift(KernelSnapshot snapshot) {
        return IptDrift.differences(appliedRuleset == null ? IptState.ABSENT : applied, ((Listing) snapshot).state());
    }

    @Override
    public boolean changedSinceLastRead() {
        return true;
    }
}
