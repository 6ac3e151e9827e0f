package dev.palisade.model.convert;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Addresses and networks as v1 stored them: an IP or a CIDR; a bare IP means a host network, and Calico's
 * upgrade masks off host bits ({@code 10.0.2.7/24} becomes {@code 10.0.2.0/24}). Text is written the way Go
 * prints addresses, because that is what {@code calicoctl convert} emits.
 */
final class V1Nets {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

    private V1Nets() {
    }

    /** A plain IP address in canonical text, or empty if {@code text} is not one. */
    static Optional<String> ip(String text) {
        return parse(text).map(V1Nets::format);
    }

    /** A CIDR (or bare IP) as its masked network in canonical text, or empty if it is not one. */
    static Optional<String> network(String text) {
        int slash = text.indexOf('/');
        Optional<byte[]> address = parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
        }
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return Optional.of(format(bytes) + "/" + prefix);
    }

    private static Optional<byte[]> parse(String text) {
        if (IPV4.matcher(text).matches()) {
            byte[] out = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                out[i] = (byte) octet;
            }
            return Optional.of(out);
        }
        // Only text made of hex digits, colons and dots reaches InetAddress, so it never does a DNS lookup.
        if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
            try {
                InetAddress a = InetAddress.getByName(text);
                return Optional.of(a.getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Go's text form: dotted quad, or RFC 5952 IPv6 (lower case, the longest run of ≥2 zero groups as ::). */
    private static String format(byte[] address) {
        if (address.length == 4) {
            try {
                return ((Inet4Address) InetAddress.getByAddress(address)).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
