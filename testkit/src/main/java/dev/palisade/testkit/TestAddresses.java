package dev.palisade.testkit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Keeps test traffic inside the ranges reserved for it: 198.18.0.0/15 and 2001:db8::/32. */
public final class TestAddresses {

    private TestAddresses() {
    }

    /** Returns {@code cidr} unchanged, or fails naming it when it leaves the test ranges. */
    public static String requireTestRange(String cidr) {
        String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
        if (!isTestAddress(address)) {
            throw new IllegalArgumentException("address " + cidr
                    + " is outside the test ranges 198.18.0.0/15 and 2001:db8::/32");
        }
        return cidr;
    }

    public static boolean isTestAddress(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return false; // never resolve names
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) == 198 && ((bytes[1] & 0xff) & 0xfe) == 18;
        }
        return (bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x01
                && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8;
    }

    static boolean isIpv4(String literal) {
        try {
            return InetAddress.getByName(literal) instanceof Inet4Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
