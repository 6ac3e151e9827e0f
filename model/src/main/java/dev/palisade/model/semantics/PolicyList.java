package dev.palisade.model.semantics;

/** The four lists a host endpoint's policies are sorted into (spec §4.3). */
public enum PolicyList {
    /** {@code doNotTrack}: raw table, before conntrack. */
    UNTRACKED,
    /** {@code preDNAT}: mangle PREROUTING, ingress only, against the original destination. */
    PRE_DNAT,
    /** Everything else: filter INPUT/OUTPUT for the host's own traffic. */
    NORMAL,
    /** Normal policies with {@code applyOnForward}: filter FORWARD. */
    FORWARD;

    /** Untracked and pre-DNAT tiers never deny at their end: packets nobody judged go on to later stages. */
    boolean tiersAlwaysPass() {
        return this == UNTRACKED || this == PRE_DNAT;
    }
}
