package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.selector.Selector;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Would a write cut a protected flow? Every {@link LockoutGuard} of the state after the write is turned into
 * probes, and each probe the simulator denies after the write but allowed before is a cut. Only host
 * endpoints the write can affect are probed: a policy's old and new selections, or the nodes of a host
 * endpoint; any other kind that feeds the simulator (tiers, profiles, sets, Felix configuration, nodes,
 * the guards themselves) probes everything.
 */
public final class LockoutCheck {

    /** The kinds whose resources the simulator reads, plus the guards: a write of any other kind cuts nothing. */
    public static final Set<Kind> INPUTS = EnumSet.of(Kind.HOST_ENDPOINT, Kind.GLOBAL_NETWORK_POLICY,
            Kind.GLOBAL_NETWORK_SET, Kind.TIER, Kind.PROFILE, Kind.FELIX_CONFIGURATION, Kind.NODE, Kind.LOCKOUT_GUARD);

    private LockoutCheck() {
    }

    /**
     * @param current the stored resources of the {@link #INPUTS} kinds
     * @param key     what the write changes
     * @param written the resource after the write, or null for a delete
     */
    public static List<VerdictChange> cuts(List<Resource> current, ResourceKey key, Resource written) {
        if (!INPUTS.contains(key.kind())) {
            return List.of();
        }
        List<Resource> after = new ArrayList<>(current.stream().filter(r -> !r.key().equals(key)).toList());
        if (written != null) {
            after.add(written);
        }
        List<LockoutGuard> guards = after.stream()
                .filter(LockoutGuard.class::isInstance).map(LockoutGuard.class::cast).toList();
        if (guards.isEmpty()) {
            return List.of();
        }
        Resource previous = current.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        World afterWorld = World.of(after);
        List<Probe> probes = ProtectedFlowProbes.of(afterWorld, guards, affected(afterWorld, previous, written));
        if (probes.isEmpty()) {
            return List.of();
        }
        return new Impact(World.of(current), afterWorld).cuts(probes);
    }

    private static Predicate<HostEndpoint> affected(World world, Resource previous, Resource written) {
        Resource any = written != null ? written : previous;
        return switch (any) {
            case GlobalNetworkPolicy ignored -> {
                List<Selector> selectors = Stream.of(previous, written).filter(Objects::nonNull)
                        .map(r -> ((GlobalNetworkPolicy) r).spec().selector()).distinct()
                        .map(s -> SelectorText.parse(s, "GlobalNetworkPolicy " + any.metadata().name() + " spec.selector"))
                        .toList();
                yield hep -> selectors.stream().anyMatch(s -> s.matches(world.labels(hep)));
            }
            case HostEndpoint ignored -> {
                List<String> nodes = Stream.of(previous, written).filter(Objects::nonNull)
                        .map(r -> ((HostEndpoint) r).spec().node()).filter(Objects::nonNull).distinct().toList();
                yield hep -> nodes.contains(hep.spec().node());
            }
            default -> hep -> true;
        };
    }
}
