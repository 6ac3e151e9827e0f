package dev.palisade.testkit;

/** What a probe saw. Only {@link #OPEN} means the packet got through and an answer came back. */
public enum Reach {
    /** The connection was made (TCP) or the datagram was echoed (UDP). */
    OPEN,
    /** Nothing came back within the timeout: dropped somewhere on the way. */
    TIMEOUT,
    /** Actively refused: a TCP reset or an ICMP unreachable (closed port or a reject rule). */
    REFUSED;

    public boolean reachable() {
        return this == OPEN;
    }
}
