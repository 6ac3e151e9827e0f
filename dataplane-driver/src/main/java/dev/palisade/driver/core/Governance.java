package dev.palisade.driver.core;

import dev.palisade.model.dataplane.EndpointEntry;

import java.util.Collections;
import java.util.SortedMap;

/**
 * Which host endpoint governs which interface (spec §4.1): each named interface at most one endpoint, and
 * the all-interfaces endpoint (null when none) for every interface no named endpoint governs.
 */
public record Governance(SortedMap<String, EndpointEntry> byInterface, EndpointEntry wildcard) {
    public Governance {
        byInterface = Collections.unmodifiableSortedMap(byInterface);
    }
}
