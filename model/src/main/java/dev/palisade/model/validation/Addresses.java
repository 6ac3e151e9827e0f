package dev.palisade.model.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses IP addresses and CIDRs as literals only (never a name lookup) and tells their IP version.
 * IPv4 follows Go's {@code net.ParseIP}: four decimal octets without leading zeros.
 */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

    private Addresses() {
    }

    /** 4 or 6 for a plain address, empty when it is not one. */
    static OptionalInt ipVersion(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        if (IPV4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.of(4);
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            try {
                // a text containing ':' is only ever parsed as an IPv6 literal, never looked up
                InetAddress.getByName(text);
                return OptionalInt.of(6);
            } catch (UnknownHostException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** 4 or 6 for {@code addr/prefix} or a bare address, empty when it is neither. */
    static OptionalInt cidrVersion(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return ipVersion(text);
        }
        OptionalInt version = ipVersion(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (version.isEmpty() || !PREFIX.matcher(prefix).matches()) {
            return OptionalInt.empty();
        }
        int max = version.getAsInt() == 4 ? 32 : 128;
        return Integer.parseInt(prefix) <= max ? version : OptionalInt.empty();
    }

    /** A {@code /0} network matches every address of its family. */
    static boolean isCatchAll(String cidr) {
        return cidrVersion(cidr).isPresent() && cidr.endsWith("/0");
    }
}
