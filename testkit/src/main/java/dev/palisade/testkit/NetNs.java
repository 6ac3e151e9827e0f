package dev.palisade.testkit;

import dev.palisade.model.net.IpFamily;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test owns. Names carry a per-JVM random prefix so parallel test runs never
 * collide, links are created inside namespaces (never in the root one), addresses are restricted to
 * the test ranges, and the namespace is deleted on {@link #close()} or, failing that, on JVM exit.
 */
public final class NetNs implements AutoCloseable {

    private static final String PREFIX = "pal" + HexFormat.of().formatHex(randomBytes(3));
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private boolean deleted;

    private NetNs(String name) {
        this.name = name;
    }

    /** Creates a namespace whose name ends with {@code role} (letters, digits and dashes). */
    public static NetNs create(String role) {
        if (!role.matches("[a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("namespace role '" + role + "' must match [a-z0-9-]{1,20}");
        }
        NetNs ns = new NetNs(PREFIX + "-" + SEQUENCE.incrementAndGet() + "-" + role);
        Commands.run("ip", "netns", "add", ns.name).requireSuccess();
        Cleanup.register(ns);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** The prefix every namespace this JVM creates starts with. */
    public static String prefix() {
        return PREFIX;
    }

    /** Runs a command inside the namespace. */
    public Commands.Result exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Commands.run(full);
    }

    /** Runs {@code ip ARGS} against this namespace and fails when it fails. */
    public Commands.Result ip(String... args) {
        List<String> full = new ArrayList<>(List.of("ip", "-n", name));
        full.addAll(List.of(args));
        return Commands.run(full).requireSuccess();
    }

    /** Connects this namespace's {@code localIf} to {@code peer}'s {@code peerIf}; both ends up. */
    public void veth(String localIf, NetNs peer, String peerIf) {
        requireInterfaceName(localIf);
        requireInterfaceName(peerIf);
        ip("link", "add", localIf, "type", "veth", "peer", "name", peerIf, "netns", peer.name);
        ip("link", "set", localIf, "up");
        peer.ip("link", "set", peerIf, "up");
    }

    /** Adds an address (CIDR) from the test ranges to an interface. */
    public void addAddress(String ifName, String cidr) {
        if (TestAddresses.requireTestRange(cidr).family() == IpFamily.V4) {
            ip("address", "add", cidr, "dev", ifName);
        } else {
            // skip duplicate address detection so the address is usable at once
            ip("-6", "address", "add", cidr, "dev", ifName, "nodad");
        }
    }

    public static List<String> list() {
        return Commands.run("ip", "netns", "list").requireSuccess().stdout().lines()
                .map(line -> line.split(" ")[0])
                .toList();
    }

    @Override
    public synchronized void close() {
        if (deleted) {
            return;
        }
        Cleanup.unregister(this);
        Commands.Result result = Commands.run("ip", "netns", "delete", name);
        if (result.exitCode() != 0 && list().contains(name)) {
            result.requireSuccess();
        }
        deleted = true;
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    private static void requireInterfaceName(String ifName) {
        if (!ifName.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("interface name '" + ifName + "' must be 1-15 characters");
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
