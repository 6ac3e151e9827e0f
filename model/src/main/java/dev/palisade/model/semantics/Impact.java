package dev.palisade.model.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a change of the resources does to a set of packets: each probe simulated in the state before and
 * the state after. The lockout guard keeps the probes it cuts, the preview every one whose outcome changes.
 */
public final class Impact {

    private final Simulator before;
    private final Simulator after;

    public Impact(World before, World after) {
        this(new Simulator(before), new Simulator(after));
    }

    Impact(Simulator before, Simulator after) {
        this.before = before;
        this.after = after;
    }

    /** The probes whose outcome differs, in probe order; probes on unknown nodes in both states are skipped. */
    public List<VerdictChange> changes(List<Probe> probes) {
        List<VerdictChange> changes = new ArrayList<>();
        for (Probe probe : probes) {
            compare(probe).filter(VerdictChange::outcomeChanged).ifPresent(changes::add);
        }
        return changes;
    }

    /** Only what the change denies that was allowed; the before state is simulated only for denied probes. */
    public List<VerdictChange> cuts(List<Probe> probes) {
        List<VerdictChange> cuts = new ArrayList<>();
        for (Probe probe : probes) {
            Verdict now = simulate(after, probe);
            if (now != null && !now.allowed()) {
                VerdictChange change = new VerdictChange(probe, simulate(before, probe), now);
                if (change.cut()) {
                    cuts.add(change);
                }
            }
        }
        return cuts;
    }

    private Optional<VerdictChange> compare(Probe probe) {
        Verdict now = simulate(after, probe);
        if (now == null) {
            return Optional.empty();
        }
        return Optional.of(new VerdictChange(probe, simulate(before, probe), now));
    }

    /** Null when the probe's node is unknown in that state. */
    private static Verdict simulate(Simulator simulator, Probe probe) {
        try {
            return simulator.simulate(probe.packet());
        } catch (InvalidPacketException unknownNode) {
            return null;
        }
    }
}
