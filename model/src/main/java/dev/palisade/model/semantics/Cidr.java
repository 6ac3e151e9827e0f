package dev.palisade.model.semantics;

import java.net.InetAddress;
import java.util.Optional;

/** An IPv4 or IPv6 network. A bare address is the /32 or /128 holding only itself. */
public record Cidr(InetAddress address, int prefix) {

    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<InetAddress> ip = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int max = ip.get().getAddress().length * 8;
        if (slash < 0) {
            return Optional.of(new Cidr(ip.get(), max));
        }
        String bits = text.substring(slash + 1);
        if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(ip.get(), Integer.parseInt(bits)));
    }

    /** False for an address of the other family, as Felix renders each family's rules separately. */
    public boolean contains(InetAddress candidate) {
        byte[] net = address.getAddress();
        byte[] ip = candidate.getAddress();
        if (net.length != ip.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != ip[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (ip[full] & mask);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix;
    }
}
