package dev.palisade.e2e.oracle;

import dev.palisade.e2e.scenario.Expect;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.Simulator;
import dev.palisade.model.semantics.Verdict;
import dev.palisade.model.semantics.World;
import java.util.Collection;
import java.util.List;

/**
 * What {@code palisade simulate} says about a probe, given the resources: the connection gets through
 * when every node on its path allows its first packet (replies ride on conntrack).
 */
public final class Oracle {

    /** One node's verdict on the probe's packet there. */
    public record Hop(Packet packet, Verdict verdict) {
        @Override
        public String toString() {
            return packet.node() + " (" + packet.in() + " -> " + packet.out() + "): " + verdict.verdict().id()
                    + " by " + verdict.decidedBy();
        }
    }

    /** The simulated outcome and the hops that made it. */
    public record Judgement(boolean reachable, List<Hop> hops) {
    }

    private final PacketPath path;

    public Oracle(PacketPath path) {
        this.path = path;
    }

    public Judgement judge(Collection<? extends Resource> resources, Expect probe) {
        Simulator simulator = new Simulator(World.of(resources));
        List<Hop> hops = path.of(probe).stream().map(p -> new Hop(p, simulator.simulate(p))).toList();
        return new Judgement(hops.stream().allMatch(h -> h.verdict().allowed()), hops);
    }
}
