package dev.palisade.driver.nft;

import dev.palisade.driver.nft.diff.AppliedState;
import dev.palisade.driver.nft.diff.DriftDetector;
import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftDiffer;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftPort;
import dev.palisade.driver.nft.kernel.TableWatch;
import dev.palisade.driver.nft.render.NftRenderer;
import dev.palisade.driver.nft.render.Ruleset;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.DataplaneException;
import dev.palisade.driver.core.InterfaceAssignment;
import dev.palisade.driver.core.NodeState;

import dev.palisade.model.dataplane.RuleCounter;
import dev.palisade.driver.nft.render.RuleOrigins;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nftables backend: {@link NftRenderer} renders the whole table, {@link NftDiffer} diffs it against the
 * record of the last commit ({@link AppliedState}) or against the kernel's table, and {@link NftPort} runs the
 * difference as one {@code nft -f} transaction. Drift is {@link DriftDetector}'s comparison of a listing with
 * that record; a {@link TableWatch} ({@code nft monitor}) says when a listing is worth its cost.
 */
public final class NftBackend implements DataplaneBackend {

    private final NftPort port;
    private final TableWatch watch;
    private final NftRenderer renderer = new NftRenderer();
    private AppliedState applied = AppliedState.ABSENT;
    // what the last commit enforced, with the hashes of its chains: read by the drift thread for counters
    private volatile Committed committed;

    private record Committed(NodeState state, Ruleset ruleset) {
    }

    /** Every drift check lists the table. */
    public NftBackend(NftPort port) {
        this(port, TableWatch.ALWAYS);
    }

    /** Drift checks list the table when {@code watch} saw a change (and rarely otherwise); closed with the backend, as is {@code port}. */
    public NftBackend(NftPort port, TableWatch watch) {
        this.port = port;
        this.watch = watch;
    }

    private record Listing(Optional<KernelTable> table) implements KernelSnapshot {
    }

    @Override
    public Applied apply(NodeState state, InterfaceAssignment governance, boolean fromKernel) throws NftException {
        Ruleset desired = renderer.render(state, governance);
        AppliedState base = fromKernel ? port.listTable().map(AppliedState::fromKernel).orElse(AppliedState.ABSENT)
                : applied;
        NftTransaction tx = NftDiffer.diff(desired, base);
        long kernelStart = System.nanoTime();
        if (!tx.isEmpty()) {
            port.run(tx);
        }
        long kernelNanos = System.nanoTime() - kernelStart;
        applied = AppliedState.of(desired);
        committed = new Committed(state, desired);
        return new Applied(tx.operations().size(), kernelNanos, size());
    }

    @Override
    public void removeAll() throws NftException {
        if (port.listTable().isPresent()) {
            port.run(new NftTransaction().delete(new NftObject.Table()));
        }
        applied = AppliedState.ABSENT;
        committed = null;
    }

    @Override
    public Size size() {
        return applied.tableExists() ? new Size(applied.ruleCount(), applied.sets().size(), applied.elementCount())
                : Size.NONE;
    }

    @Override
    public KernelSnapshot readKernel() throws NftException {
        watch.clear();
        return new Listing(port.listTable());
    }

    @Override
    public List<String> drift(KernelSnapshot snapshot) {
        return DriftDetector.differences(applied, ((Listing) snapshot).table());
    }

    @Override
    public List<RuleCounter> ruleCounters(KernelSnapshot snapshot) {
        Committed last = committed;
        Optional<KernelTable> table = ((Listing) snapshot).table();
        if (last == null || table.isEmpty()) {
            return List.of();
        }
        Map<String, RuleCounter> byRule = new TreeMap<>();
        RuleOrigins.of(last.state()).forEach((chain, origins) -> {
            Ruleset.ChainDef desired = last.ruleset().chains().get(chain);
            List<String> hashes = table.get().chains().get(chain);
            List<KernelTable.Counts> counts = table.get().counters().get(chain);
            if (desired == null || counts == null || !desired.hashes().equals(hashes) || origins.size() != counts.size()) {
                return; // not rendered for this node's endpoints, or not what was applied (drift repairs it)
            }
            for (int i = 0; i < origins.size(); i++) {
                RuleOrigins.Origin o = origins.get(i);
                RuleCounter c = new RuleCounter(o.tier(), o.policy(), o.directionName(), o.rule(), o.action(),
                        counts.get(i).packets(), counts.get(i).bytes());
                byRule.merge(o.tier() + '\0' + o.policy() + '\0' + o.directionName() + '\0' + o.rule(), c, RuleCounter::plus);
            }
        });
        return List.copyOf(byRule.values());
    }

    @Override
    public boolean changedSinceLastRead() {
        return watch.changed();
    }

    @Override
    public void close() {
        watch.close();
        port.close();
    }
}
