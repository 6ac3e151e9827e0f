package dev.palisade.driver.ipt.diff;

import java.util.Map;

/**
 * One sync's kernel work, in the order it must run: {@code ipsetCreate} creates and fills the sets that are
 * new (harmless while no rule matches them, and needed before {@code iptables-restore --test} accepts rules
 * that do); {@code ipsetBefore} changes the members of existing sets ({@code ipset restore}); {@code restore} holds one {@code iptables-restore --noflush} input per
 * family (4, 6), each table in it committed atomically; {@code ipsetAfter} destroys sets no rule matches any
 * more. Empty strings where nothing changes.
 */
public record IptTransaction(String ipsetCreate, String ipsetBefore, Map<Integer, String> restore, String ipsetAfter, int operations) {

    public boolean isEmpty() {
        return operations == 0;
    }
}
