package dev.palisade.driver.nft.render;

/**
 * Packet mark bits the chains use to carry a verdict between chains and hooks (spec §5.1): the accept bit
 * ends evaluation as "allowed" in later hooks, the pass bit leaves the current tier. Only these two bits are
 * ever written, so marks of other tools (kube-proxy's masquerade bit and the like) survive.
 */
final class Marks {

    static final String ACCEPT = "0x10000";
    static final String PASS = "0x20000";

    static final String CLEAR_BOTH = "meta mark set meta mark & 0xfffcffff";
    static final String CLEAR_PASS = "meta mark set meta mark & 0xfffdffff";
    static final String SET_ACCEPT = "meta mark set meta mark | " + ACCEPT;
    static final String SET_PASS = "meta mark set meta mark | " + PASS;
    static final String IF_ACCEPTED = "meta mark & " + ACCEPT + " != 0";
    static final String IF_NOT_ACCEPTED = "meta mark & " + ACCEPT + " == 0";
    static final String IF_NOT_PASSED = "meta mark & " + PASS + " == 0";

    private Marks() {
    }
}
