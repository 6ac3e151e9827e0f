package dev.palisade.model.dataplane;

import java.util.List;

/**
 * The addresses of everything a rule selector matches, cluster-wide: expected IPs of host endpoints (as /32
 * or /128) and network-set nets. Members are CIDRs in canonical form, sorted, IPv4 and IPv6 mixed (the
 * driver splits by family; a {@code /0} needs splitting into two {@code /1}s for interval sets).
 *
 * @param id the selector's unique id (spec §3.4), shared by every rule using an equivalent selector
 * @param selector the canonical selector, for humans reading the set
 */
public record IpSetEntry(String id, String selector, List<String> members) implements DataplaneEntry {

    public IpSetEntry {
        members = EndpointEntry.copy(members);
    }

    @Override
    public EntryType type() {
        return EntryType.IP_SET;
    }
}
