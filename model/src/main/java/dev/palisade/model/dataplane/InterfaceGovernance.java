package dev.palisade.model.dataplane;

import dev.palisade.model.net.IpAddress;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which host endpoint governs an interface (spec §4.1), for whatever form the endpoints take (the reference
 * evaluator's resources, the driver's dataplane entries): among the named endpoints that match the interface
 * (by {@code interfaceName}, or with that empty by an {@code expectedIPs} address configured on it) the
 * smallest name wins, whatever the kind of match; the smallest-named wildcard ({@code "*"}) endpoint covers
 * every interface no named endpoint governs. Which interfaces are candidates at all (workload prefixes,
 * exclusions) is {@link InterfaceMatching}'s.
 */
public final class InterfaceGovernance<E> {

    private final List<E> byName;
    private final Function<E, String> interfaceName;
    private final Function<E, List<String>> expectedIPs;

    public InterfaceGovernance(Collection<E> endpoints, Function<E, String> name, Function<E, String> interfaceName,
                               Function<E, List<String>> expectedIPs) {
        this.byName = endpoints.stream().sorted(Comparator.comparing(name)).toList();
        this.interfaceName = interfaceName;
        this.expectedIPs = expectedIPs;
    }

    /** The named endpoint that governs {@code iface}, which holds {@code addresses}; empty when none matches. */
    public Optional<E> named(String iface, Collection<IpAddress> addresses) {
        return byName.stream()
                .filter(e -> !isWildcard(e)
                        && InterfaceMatching.endpointMatches(interfaceName.apply(e), expectedIPs.apply(e), iface,
                        addresses))
                .findFirst();
    }

    /** The endpoint that governs every interface no named endpoint does. */
    public Optional<E> wildcard() {
        return byName.stream().filter(this::isWildcard).findFirst();
    }

    private boolean isWildcard(E endpoint) {
        return EndpointEntry.ALL_INTERFACES.equals(interfaceName.apply(endpoint));
    }
}
