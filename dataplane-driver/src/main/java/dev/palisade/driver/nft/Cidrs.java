package dev.palisade.driver.nft;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * CIDR handling for nft interval sets, which refuse overlapping elements and a {@code /0}: members of one
 * family, host bits cleared, prefixes contained in another dropped, and {@code /0} written as two {@code /1}.
 */
public final class Cidrs {

    private record Block(byte[] address, int prefix) {
    }

    private Cidrs() {
    }

    public static int family(String cidr) {
        return cidr.contains(":") ? 6 : 4;
    }

    public static List<String> ofFamily(Collection<String> cidrs, int family) {
        return cidrs.stream().filter(c -> family(c) == family).toList();
    }

    /** The members of {@code family} in {@code cidrs}, canonical, non-overlapping, sorted. */
    public static List<String> normalize(Collection<String> cidrs, int family) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : ofFamily(cidrs, family)) {
            Block b = parse(cidr);
            if (b.prefix == 0) {
                byte[] low = new byte[b.address.length];
                byte[] high = new byte[b.address.length];
                high[0] = (byte) 0x80;
                blocks.add(new Block(low, 1));
                blocks.add(new Block(high, 1));
            } else {
                blocks.add(b);
            }
        }
        blocks.sort(Comparator.<Block, byte[]>comparing(Block::address, Arrays::compareUnsigned)
                .thenComparingInt(Block::prefix));
        List<String> result = new ArrayList<>();
        Block kept = null;
        for (Block b : blocks) {
            if (kept != null && contains(kept, b)) {
                continue;
            }
            kept = b;
            result.add(format(b));
        }
        return result;
    }

    private static Block parse(String cidr) {
        int slash = cidr.indexOf('/');
        String literal = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address or CIDR: \"" + cidr + "\"");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR: \"" + cidr + "\"", e);
        }
        int bits = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in \"" + cidr + "\"", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in \"" + cidr + "\"");
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            address[i] &= (byte) (0xff << (8 - keep));
        }
        return new Block(address, prefix);
    }

    private static boolean contains(Block outer, Block inner) {
        if (inner.prefix < outer.prefix) {
            return false;
        }
        for (int bit = 0; bit < outer.prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((outer.address[bit / 8] & mask) != (inner.address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static String format(Block b) {
        try {
            String ip = InetAddress.getByAddress(b.address).getHostAddress();
            return b.prefix == b.address.length * 8 ? ip : ip + "/" + b.prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
