package dev.palisade.testkit;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import java.util.List;

/** Keeps test traffic inside the ranges reserved for it: 198.18.0.0/15 and 2001:db8::/32. */
public final class TestAddresses {

    private static final List<Cidr> TEST_RANGES = List.of(
            Cidr.parse("198.18.0.0/15").orElseThrow(), Cidr.parse("2001:db8::/32").orElseThrow());

    private TestAddresses() {
    }

    /** The address or CIDR {@code cidr}, or a failure naming it when it is not one inside the test ranges. */
    public static Cidr requireTestRange(String cidr) {
        return Cidr.parse(cidr).filter(c -> isTestAddress(c.address())).orElseThrow(() ->
                new IllegalArgumentException("address " + cidr
                        + " is outside the test ranges 198.18.0.0/15 and 2001:db8::/32"));
    }

    public static boolean isTestAddress(String literal) {
        return IpAddress.parse(literal).filter(TestAddresses::isTestAddress).isPresent();
    }

    private static boolean isTestAddress(IpAddress ip) {
        return TEST_RANGES.stream().anyMatch(range -> range.contains(ip));
    }
}
