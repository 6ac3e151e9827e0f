package dev.palisade.hepcontroller.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from text as Go's {@code net.ParseIP} does (strict dotted quads, RFC 4291
 * hex groups, no zones), without ever asking DNS. {@link #toString()} is the canonical text Calico writes:
 * dotted quad, or RFC 5952 compressed lower-case hex; an IPv4-mapped IPv6 address prints as IPv4, like Go.
 */
public record IpAddress(BigInteger value, int bits) {

    private static final BigInteger V4_MAPPED_PREFIX = BigInteger.valueOf(0xffffL).shiftLeft(32);

    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text).map(v -> new IpAddress(BigInteger.valueOf(v), 32));
    }

    /** An address, or a CIDR whose prefix length is dropped ({@code 10.0.0.1/24} → {@code 10.0.0.1}). */
    public static Optional<IpAddress> parseIpOrCidr(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return parse(text);
        }
        return parse(text.substring(0, slash)).filter(ip -> validPrefix(text.substring(slash + 1), ip.bits()));
    }

    static boolean validPrefix(String digits, int bits) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(digits) <= bits;
    }

    public boolean isV4() {
        return bits == 32;
    }

    /** The first {@code prefix} bits, for CIDR containment. */
    BigInteger networkBits(int prefix) {
        return value.shiftRight(bits - prefix);
    }

    private static Optional<Long> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
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

    private static Optional<IpAddress> parseV6(String text) {
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
        if (v.shiftRight(32).equals(V4_MAPPED_PREFIX.shiftRight(32))) {
            return Optional.of(new IpAddress(v.subtract(V4_MAPPED_PREFIX), 32));
        }
        return Optional.of(new IpAddress(v, 128));
    }

    /** Colon-separated hex groups; the last one may be a dotted quad (two groups) when {@code last} is set. */
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
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return true;
    }

    @Override
    public String toString() {
        long low = value.longValue();
        if (isV4()) {
            return ((low >> 24) & 0xff) + "." + ((low >> 16) & 0xff) + "." + ((low >> 8) & 0xff) + "." + (low & 0xff);
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
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
