package dev.palisade.driver.ipt.render;

/**
 * The mark bits of spec §5.1 in iptables syntax, the same bits as the nftables backend's: accept
 * {@code 0x10000}, pass {@code 0x20000}. Only these bits are ever written.
 */
final class IptMarks {

    static final String CLEAR_BOTH = "-j MARK --set-xmark 0x0/0x30000";
    static final String CLEAR_PASS = "-j MARK --set-xmark 0x0/0x20000";
    static final String SET_ACCEPT = "-j MARK --set-xmark 0x10000/0x10000";
    static final String SET_PASS = "-j MARK --set-xmark 0x20000/0x20000";
    static final String IF_ACCEPTED = "-m mark --mark 0x10000/0x10000";
    static final String IF_NOT_ACCEPTED = "-m mark --mark 0x0/0x10000";
    static final String IF_PASSED = "-m mark --mark 0x20000/0x20000";
    static final String IF_NOT_PASSED = "-m mark --mark 0x0/0x20000";

    private IptMarks() {
    }
}
