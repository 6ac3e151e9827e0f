package dev.palisade.model.dataplane;

import java.util.List;

/**
 * Members (IP, protocol, port) for one named port: each endpoint that the rule's positive selector matches
 * contributes its expected IPs crossed with its ports of that name (and protocol, when the rule has one).
 *
 * @param id       Calico's named-port set id, derived from the selector id, protocol and port name
 * @param portName the port name rules use
 * @param protocol the rule's protocol number, null when the rule has none (then members of any protocol)
 */
public record NamedPortSetEntry(String id, String selector, String portName, Integer protocol,
                                List<Member> members) implements DataplaneEntry {

    public NamedPortSetEntry {
        members = EndpointEntry.copy(members);
    }

    @Override
    public EntryType type() {
        return EntryType.NAMED_PORT_SET;
    }

    /** A plain IP (no prefix), an IP protocol number and a port. */
    public record Member(String ip, int protocol, int port) {
    }
}
