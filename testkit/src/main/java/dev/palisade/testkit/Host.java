package dev.palisade.testkit;

/** One machine of a {@link Topology}: its namespace and addresses ({@code ipv6} null when it has none). */
public record Host(String name, NetNs ns, String ipv4, String ipv6) {
}
