package dev.palisade.model.net;

import java.util.Optional;

/**
 * An IPv4 or IPv6 network, {@code address/prefix}. The address is kept as written, host bits included (a
 * Node's interface address {@code 198.18.0.7/24} names both the address and its subnet); containment ignores
 * those bits, as Go's {@code ParseCIDR} does, and {@link #masked()} clears them.
 */
public record Cidr(IpAddress address, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > address.family().bits()) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + address);
        }
    }

    /** {@code address/prefix}, or a bare address as the /32 or /128 holding only itself. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return IpAddress.parse(text).map(ip -> new Cidr(ip, ip.family().bits()));
        }
        return parsePrefixed(text);
    }

    /** {@code address/prefix} only, as Go's {@code net.ParseCIDR}: a bare address is not a network here. */
    public static Optional<Cidr> parsePrefixed(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String digits = text.substring(slash + 1);
        // Leading zeros are allowed as Go's ParseCIDR allows them; three digits already exceed /128.
        if (!Digits.isDecimal(digits) || digits.length() > 3) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(digits);
        return IpAddress.parse(text.substring(0, slash))
                .filter(ip -> prefix <= ip.family().bits())
                .map(ip -> new Cidr(ip, prefix));
    }

    public IpFamily family() {
        return address.family();
    }

    /** False for an address of the other family, as Felix renders each family's rules separately. */
    public boolean contains(IpAddress ip) {
        return ip.family() == family() && ip.leadingBits(prefix).equals(address.leadingBits(prefix));
    }

    /** The network itself: host bits cleared ({@code 10.0.2.7/24} becomes {@code 10.0.2.0/24}). */
    public Cidr masked() {
        int hostBits = family().bits() - prefix;
        return new Cidr(new IpAddress(family(), address.leadingBits(prefix).shiftLeft(hostBits)), prefix);
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
