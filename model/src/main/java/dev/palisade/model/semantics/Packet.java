package dev.palisade.model.semantics;

import dev.palisade.model.net.IpAddress;

import java.util.Objects;

/**
 * One packet as a node sees it after routing: it arrives through {@code in} and leaves through {@code out},
 * either of which may be {@link #LOCAL} (a process on the host). {@code dnatTo}, when present, is where
 * DNAT (a NodePort, say) sends it after the pre-DNAT stage; {@code out} already describes that route.
 * Ports and ICMP fields are null when the packet does not carry them.
 */
public record Packet(
        String node,
        String in,
        String out,
        IpAddress src,
        IpAddress dst,
        int protocol,
        Integer srcPort,
        Integer dstPort,
        Integer icmpType,
        Integer icmpCode,
        ConnState ct,
        Destination dnatTo) {

    public static final String LOCAL = "local";

    public Packet {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        ct = ct == null ? ConnState.NEW : ct;
    }

    /** Conntrack's view of the packet; {@code related} counts as established, as in Calico's rules. */
    public enum ConnState {
        NEW, ESTABLISHED, INVALID
    }

    /** A DNAT target; {@code port} null keeps the original destination port. */
    public record Destination(IpAddress address, Integer port) {
    }

    public boolean fromHost() {
        return LOCAL.equals(in);
    }

    public boolean toHost() {
        return LOCAL.equals(out);
    }

    public int ipVersion() {
        return src.family().version();
    }

    /** The {@code k=v,...} form {@link PacketFields#parse(String)} reads back. */
    public String fields() {
        StringBuilder text = new StringBuilder("node=" + node + ",in=" + in + ",out=" + out + ",src=" + src
                + ",dst=" + dst + ",proto=" + protocol);
        append(text, "srcPort", srcPort);
        append(text, "dstPort", dstPort);
        append(text, "icmpType", icmpType);
        append(text, "icmpCode", icmpCode);
        if (ct != ConnState.NEW) {
            text.append(",ct=").append(ct.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (dnatTo != null) {
            boolean bracket = dnatTo.port() != null && dnatTo.address().family() == dev.palisade.model.net.IpFamily.V6;
            text.append(",dnatTo=").append(bracket ? "[" + dnatTo.address() + "]" : dnatTo.address())
                    .append(dnatTo.port() == null ? "" : ":" + dnatTo.port());
        }
        return text.toString();
    }

    private static void append(StringBuilder out, String name, Integer value) {
        if (value != null) {
            out.append(',').append(name).append('=').append(value);
        }
    }

    /** The packet after DNAT: destination address and port rewritten, everything else kept. */
    public Packet afterDnat() {
        if (dnatTo == null) {
            return this;
        }
        Integer port = dnatTo.port() == null ? dstPort : dnatTo.port();
        return new Packet(node, in, out, src, dnatTo.address(), protocol, srcPort, port, icmpType, icmpCode, ct, null);
    }
}
