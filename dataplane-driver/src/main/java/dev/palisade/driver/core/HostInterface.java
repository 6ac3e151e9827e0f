package dev.palisade.driver.core;

import java.util.List;

/** A live interface of the node and the addresses configured on it (plain IPs, no prefix length). */
public record HostInterface(String name, List<String> addresses) {
    public HostInterface {
        addresses = List.copyOf(addresses);
    }
}
