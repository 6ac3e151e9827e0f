package dev.palisade.driver.ipt.diff;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;

/**
 * One spelling for an ipset member, whichever side wrote it: addresses and prefixes as model prints them,
 * a host prefix as the bare address, so the record and a kernel listing compare element by element.
 */
final class IpsetElements {

    private IpsetElements() {
    }

    static String canonical(String element) {
        int comma = element.indexOf(',');
        String addr = comma < 0 ? element : element.substring(0, comma);
        String rest = comma < 0 ? "" : element.substring(comma);
        String canon = Cidr.parse(addr).map(c -> c.prefix() == c.family().bits() ? c.address().toString() : c.toString())
                .or(() -> IpAddress.parse(addr).map(IpAddress::toString)).orElse(addr);
        return canon + rest;
    }
}
