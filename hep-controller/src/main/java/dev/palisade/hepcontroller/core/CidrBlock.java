package dev.palisade.hepcontroller.core;

import java.util.Optional;

/** A network such as {@code 198.18.0.0/15}; host bits in the text are ignored, as Go's ParseCIDR does. */
public record CidrBlock(IpAddress address, int prefix) {

    public static Optional<CidrBlock> parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String digits = text.substring(slash + 1);
        return IpAddress.parse(text.substring(0, slash))
                .filter(ip -> IpAddress.validPrefix(digits, ip.bits()))
                .map(ip -> new CidrBlock(ip, Integer.parseInt(digits)));
    }

    public boolean contains(IpAddress ip) {
        return ip.bits() == address.bits() && ip.networkBits(prefix).equals(address.networkBits(prefix));
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
