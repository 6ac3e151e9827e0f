package dev.palisade.model.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, parsed from text as Go's {@code net.ParseIP} does: strict dotted quads (no leading
 * zeros), RFC 4291 hex groups with an optional trailing dotted quad, no zones. It never consults DNS, unlike
 * {@code InetAddress.getByName}. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is the IPv4 address, as
 * Go's {@code To4} and Java both treat it. {@link #toString()} is the text Calico writes: dotted quad, or RFC 5952
 * lower-case hex with the longest run of two or more zero groups compressed.
 */
public record IpAddress(IpFamily family, BigInteger value) {

    private static final BigInteger V4_MAPPED = BigInteger.valueOf(0xffffL).shiftLeft(32);

    public IpAddress {
        if (value.signum() < 0 || value.bitLength() > family.bits()) {
            throw new IllegalArgumentException(value + " does not fit an " + family + " address");
        }
    }

    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return parseV4(text).map(v -> new IpAddress(IpFamily.V4, BigInteger.valueOf(v)));
        }
        return parseV6(text).map(v -> v.shiftRight(32).equals(V4_MAPPED.shiftRight(32))
                ? new IpAddress(IpFamily.V4, v.subtract(V4_MAPPED))
                : new IpAddress(IpFamily.V6, v));
    }

    /** The leading {@code prefix} bits, which a network of that length shares with every address inside it. */
    BigInteger leadingBits(int prefix) {
        return value.shiftRight(family.bits() - prefix);
    }

    private static Optional<Long> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (!Digits.isDecimal(p) || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            v = (v << 8) | octet;
        }
        return Optional.of(v);
    }

    private static Optional<BigInteger> parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        boolean ok = gap < 0
                ? groups(text, head, true)
                : groups(text.substring(0, gap), head, false) && groups(text.substring(gap + 2), tail, true);
        int count = head.size() + tail.size();
        if (!ok || (gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return Optional.empty();
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : head) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        v = v.shiftLeft(16 * (8 - count));
        for (int g : tail) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return Optional.of(v);
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when {@code last} is set. */
    private static boolean groups(String text, List<Integer> out, boolean last) {
        if (text.isEmpty()) {
            return true;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                Optional<Long> v4 = parseV4(p);
                if (v4.isEmpty()) {
                    return false;
                }
                out.add((int) (v4.get() >> 16));
                out.add((int) (v4.get() & 0xffff));
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpAddress::isHexDigit)) {
                return false;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return true;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        if (family == IpFamily.V4) {
            long v = value.longValue();
            return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
