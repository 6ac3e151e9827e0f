package dev.palisade.driver.nft.render;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.net.IpFamily;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * CIDRs as nft interval sets take them, which refuse overlapping elements and a {@code /0}: members of one
 * family, host bits cleared, prefixes contained in another dropped, {@code /0} written as two {@code /1}, and
 * a host prefix written as the bare address. Parsing and text are {@code model}'s.
 */
public final class IntervalCidrs {

    private static final Comparator<Cidr> BY_START = Comparator.<Cidr, BigInteger>comparing(c -> c.address().value())
            .thenComparingInt(Cidr::prefix);

    private IntervalCidrs() {
    }

    /** 4 or 6; a value that is no address or CIDR is refused with an error naming it. */
    public static int family(String cidr) {
        return parse(cidr).family().version();
    }

    public static List<String> ofFamily(Collection<String> cidrs, int family) {
        return cidrs.stream().filter(c -> family(c) == family).toList();
    }

    /** The members of {@code family} in {@code cidrs}, canonical, non-overlapping, sorted. */
    public static List<String> normalize(Collection<String> cidrs, int family) {
        List<Cidr> blocks = new ArrayList<>();
        for (String text : ofFamily(cidrs, family)) {
            Cidr c = parse(text).masked();
            if (c.prefix() == 0) {
                IpFamily f = c.family();
                blocks.add(new Cidr(new IpAddress(f, BigInteger.ZERO), 1));
                blocks.add(new Cidr(new IpAddress(f, BigInteger.ONE.shiftLeft(f.bits() - 1)), 1));
            } else {
                blocks.add(c);
            }
        }
        blocks.sort(BY_START);
        List<String> result = new ArrayList<>();
        Cidr kept = null;
        for (Cidr c : blocks) {
            if (kept != null && kept.prefix() <= c.prefix() && kept.contains(c.address())) {
                continue;
            }
            kept = c;
            result.add(c.prefix() == c.family().bits() ? c.address().toString() : c.toString());
        }
        return result;
    }

    private static Cidr parse(String text) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "not an IP address or CIDR: \"" + text + "\""));
    }
}
