package dev.palisade.calculator.engine;

import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.UniqueIds;

/**
 * An IP set some active rule needs: the addresses of everything {@code selector} matches, or for a named
 * port the (address, protocol, port) triples of the matching endpoints' ports of that name.
 *
 * @param protocol the rule's protocol number for a named-port set, null for any protocol
 */
record IpSetDef(String id, Selector selector, String portName, Integer protocol) {

    static IpSetDef addresses(Selector selector) {
        return new IpSetDef(selector.uniqueId(), selector, null, null);
    }

    /** Id as Calico derives it: from the selector id, the protocol and the port name (spec §5.6). */
    static IpSetDef namedPort(Selector selector, Integer protocol, String portName) {
        String id = UniqueIds.make("n", selector.uniqueId() + "," + (protocol == null ? "" : protocol) + "," + portName);
        return new IpSetDef(id, selector, portName, protocol);
    }

    boolean isNamedPort() {
        return portName != null;
    }
}
