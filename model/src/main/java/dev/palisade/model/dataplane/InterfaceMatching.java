package dev.palisade.model.dataplane;

import dev.palisade.model.net.IpAddress;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tests of spec §4.1 that decide which host endpoint may govern an interface, shared by the simulator
 * (over resources), the dataplane driver and the format evaluator (over {@link EndpointEntry}s).
 */
public final class InterfaceMatching {

    private InterfaceMatching() {
    }

    /** Workload interfaces ({@code interfacePrefix}) are never governed by a named host endpoint. */
    public static boolean isWorkload(List<String> prefixes, String iface) {
        return prefixes.stream().anyMatch(iface::startsWith);
    }

    /**
     * Entries are names, or regular expressions between slashes; Felix compiles a name as {@code ^name$} and
     * uses an expression unanchored ({@code /eth/} excludes {@code veth0}).
     */
    public static boolean isExcluded(List<String> excludes, String iface) {
        return excludes.stream().anyMatch(e -> e.length() > 2 && e.startsWith("/") && e.endsWith("/")
                ? Pattern.compile(e.substring(1, e.length() - 1)).matcher(iface).find()
                : e.equals(iface));
    }

    /**
     * Does a named (not wildcard) endpoint match the interface: by {@code interfaceName}, or with that empty
     * by one of its {@code expectedIPs} configured on the interface (compared as addresses, not text)?
     */
    public static boolean endpointMatches(String interfaceName, List<String> expectedIPs, String iface,
                                          Collection<IpAddress> addresses) {
        if (!interfaceName.isEmpty()) {
            return interfaceName.equals(iface);
        }
        return expectedIPs.stream().map(IpAddress::parse).flatMap(Optional::stream).anyMatch(addresses::contains);
    }
}
