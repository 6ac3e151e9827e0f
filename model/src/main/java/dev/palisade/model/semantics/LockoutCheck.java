package dev.palisade.model.semantics;

import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.selector.Selector;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Would a write cut a protected flow? Every {@link LockoutGuard} is turned into probes, and each probe the
 * simulator denies after the write but allowed before is a cut. Only host endpoints the write can affect are
 * probed (see {@link #affected}); a guard write cuts nothing. The state before is kept with what was worked
 * out about it, and the state after shares what the write does not change ({@link World#with}), so a write
 * costs what it touches: at 10,000 endpoints a policy or host endpoint write re-evaluates tens of endpoints,
 * a tier or the default FelixConfiguration every endpoint's packets but no policy selection.
 */
public final class LockoutCheck {

    /** The kinds whose resources the simulator reads, plus the guards: a write of any other kind cuts nothing. */
    public static final Set<Kind> INPUTS = EnumSet.of(Kind.HOST_ENDPOINT, Kind.GLOBAL_NETWORK_POLICY,
            Kind.GLOBAL_NETWORK_SET, Kind.TIER, Kind.PROFILE, Kind.FELIX_CONFIGURATION, Kind.NODE, Kind.LOCKOUT_GUARD);

    /**
     * Kinds whose writes leave every probe as it was (probes come from the guards, the endpoints' labels,
     * interfaces and addresses, and the Nodes): after such a write, the state before's probes serve.
     */
    private static final Set<Kind> PROBES_UNCHANGED = EnumSet.of(Kind.GLOBAL_NETWORK_POLICY, Kind.GLOBAL_NETWORK_SET,
            Kind.TIER, Kind.FELIX_CONFIGURATION);

    private final Map<ResourceKey, Resource> current;
    private final List<LockoutGuard> guards;
    private final World before;
    private final Simulator simulator;
    private volatile List<ProtectedFlowProbes.Probed> probedBefore;

    private LockoutCheck(Map<ResourceKey, Resource> current, World before) {
        this.current = current;
        this.guards = current.values().stream().filter(LockoutGuard.class::isInstance).map(LockoutGuard.class::cast)
                .sorted(Comparator.comparing(g -> g.metadata().name())).toList();
        this.before = before;
        this.simulator = new Simulator(before);
    }

    /**
     * A check of writes against one state. What it works out about that state (which policies select which
     * endpoint, per list and direction, each node's settings, the peers behind each address) is kept for the
     * next write's check, and each write's own state shares whatever the write cannot change: keep the check
     * while the state holds, and a write costs what it touches.
     *
     * @param current the stored resources of the {@link #INPUTS} kinds
     */
    public static LockoutCheck of(List<Resource> current) {
        Map<ResourceKey, Resource> byKey = new HashMap<>();
        current.forEach(r -> byKey.put(r.key(), r));
        return new LockoutCheck(byKey, World.of(current));
    }

    /**
     * The check of the state this write leads to, for the writes that follow it: it keeps what this one
     * worked out that the write does not change.
     *
     * @param written the resource as stored, or null for a delete
     */
    public LockoutCheck after(ResourceKey key, Resource written) {
        if (!INPUTS.contains(key.kind())) {
            return this;
        }
        Map<ResourceKey, Resource> next = new HashMap<>(current);
        if (written == null) {
            next.remove(key);
        } else {
            next.put(key, written);
        }
        return new LockoutCheck(next, before.with(key, written));
    }

    /** One write against {@code current}: {@code of(current).cuts(key, written)}. */
    public static List<VerdictChange> cuts(List<Resource> current, ResourceKey key, Resource written) {
        return of(current).cuts(key, written);
    }

    /**
     * What the write would cut: the probes allowed in this state and denied after the write.
     *
     * @param key     what the write changes
     * @param written the resource after the write, or null for a delete
     */
    public List<VerdictChange> cuts(ResourceKey key, Resource written) {
        // a guard changes no verdict, so writing one cuts nothing (a flow it names that is cut already stays so)
        if (!INPUTS.contains(key.kind()) || key.kind() == Kind.LOCKOUT_GUARD || guards.isEmpty()) {
            return List.of();
        }
        World after = before.with(key, written);
        Predicate<HostEndpoint> affected = affected(after, current.get(key), written);
        List<Probe> probes = PROBES_UNCHANGED.contains(key.kind())
                ? probedBefore().stream().filter(p -> affected.test(p.hostEndpoint()))
                        .map(ProtectedFlowProbes.Probed::probe).toList()
                : ProtectedFlowProbes.of(after, guards, affected);
        if (probes.isEmpty()) {
            return List.of();
        }
        return new Impact(simulator, new Simulator(after)).cuts(probes);
    }

    private List<ProtectedFlowProbes.Probed> probedBefore() {
        List<ProtectedFlowProbes.Probed> probed = probedBefore;
        if (probed == null) {
            probed = ProtectedFlowProbes.probed(before, guards, hep -> true);
            probedBefore = probed;
        }
        return probed;
    }

    /**
     * The endpoints whose verdicts the write can change. A policy: those its old or new selector picks (a
     * selector picks by labels, the same in both states). A host endpoint or a Node: the endpoints of its node,
     * since governance is per node. A node's FelixConfiguration: that node's; a profile: the endpoints that
     * name it (its rules and labelsToApply). Anything else (tiers, network sets, the default
     * FelixConfiguration) may reach every endpoint.
     */
    private static Predicate<HostEndpoint> affected(World after, Resource previous, Resource written) {
        Resource any = written != null ? written : previous;
        String name = any.metadata().name();
        return switch (any) {
            case GlobalNetworkPolicy ignored -> {
                List<Selector> selectors = Stream.of(previous, written).filter(Objects::nonNull)
                        .map(r -> ((GlobalNetworkPolicy) r).spec().selector()).distinct()
                        .map(s -> SelectorText.parse(s, "GlobalNetworkPolicy " + name + " spec.selector"))
                        .toList();
                yield hep -> selectors.stream().anyMatch(s -> s.matches(after.labels(hep)));
            }
            case HostEndpoint ignored -> {
                List<String> nodes = Stream.of(previous, written).filter(Objects::nonNull)
                        .map(r -> ((HostEndpoint) r).spec().node()).filter(Objects::nonNull).distinct().toList();
                yield hep -> nodes.contains(hep.spec().node());
            }
            case Node ignored -> hep -> name.equals(hep.spec().node());
            case FelixConfiguration ignored when name.startsWith(FelixConfiguration.NODE_PREFIX) -> {
                String node = name.substring(FelixConfiguration.NODE_PREFIX.length());
                yield hep -> node.equals(hep.spec().node());
            }
            case Profile ignored -> hep -> hep.spec().profiles().contains(name);
            default -> hep -> true;
        };
    }
}
