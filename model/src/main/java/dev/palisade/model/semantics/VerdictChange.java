package dev.palisade.model.semantics;

/**
 * A probe's verdict in two states of the resources. {@code before} is null when the packet's node did not
 * exist yet (nothing governed it, so nothing denied it).
 */
public record VerdictChange(Probe probe, Verdict before, Verdict after) {

    public boolean cut() {
        return !after.allowed() && (before == null || before.allowed());
    }

    public boolean outcomeChanged() {
        return before == null ? !after.allowed() : before.verdict() != after.verdict();
    }

    /** One line for a person: the flow, where, before → after, and the rule that decides now. */
    public String describe() {
        Packet p = probe.packet();
        Step d = after.decidedBy();
        String where = d.hostEndpoint() != null ? "host endpoint " + d.hostEndpoint()
                : "interface " + (p.toHost() ? p.in() : p.out());
        return "flow " + probe.flow() + " (" + p.src() + " -> " + p.dst() + " proto " + p.protocol()
                + (p.dstPort() == null ? "" : " port " + p.dstPort()) + ") on node " + p.node() + ", " + where + ": "
                + (before == null ? "allow" : before.verdict().id()) + " -> " + after.verdict().id() + " at "
                + d.stage().id() + ", " + d.decision().describe();
    }
}
