package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.StagedAction;
import dev.palisade.model.resource.StagedGlobalNetworkPolicy;
import dev.palisade.model.resource.StagedNetworkPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What enforcing staged policies would change, without enforcing them: the host endpoints each selects
 * that its namesake does not (and the reverse), and every probe whose verdict flips — the protected flows
 * of the stored guards plus the flows the caller gives — before → after with the deciding rule.
 */
public final class Preview {

    /** Host endpoints the staged policy selects and the enforced one of the same name does not, and back. */
    public record Selection(String kind, String name, String stagedAction, List<String> added, List<String> removed) {
        public Selection {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    public record Result(List<Selection> selections, List<VerdictChange> changes, int probes) {
        public Result {
            selections = List.copyOf(selections);
            changes = List.copyOf(changes);
        }
    }

    private Preview() {
    }

    /**
     * @param current the stored resources the simulator reads (and the guards)
     * @param staged  the staged policies to preview, as if promoted together
     * @param flows   more probes to compare
     */
    public static Result of(List<Resource> current, List<Resource> staged, List<Probe> flows) {
        Map<ResourceKey, Resource> after = new LinkedHashMap<>();
        current.forEach(r -> after.put(r.key(), r));
        World before = World.of(current);
        List<Selection> selections = new ArrayList<>();
        for (Resource r : staged) {
            switch (r) {
                case StagedGlobalNetworkPolicy s -> {
                    GlobalNetworkPolicy enforced = s.enforced();
                    Optional<GlobalNetworkPolicy> existing = Optional.ofNullable(after.get(enforced.key()))
                            .map(GlobalNetworkPolicy.class::cast);
                    boolean delete = s.spec().action() == StagedAction.DELETE;
                    if (delete) {
                        after.remove(enforced.key());
                    } else {
                        after.put(enforced.key(), enforced);
                    }
                    List<String> was = selected(before, existing);
                    List<String> will = delete ? List.of() : selected(before, Optional.of(enforced));
                    selections.add(new Selection(r.kind().kindName(), s.metadata().name(), s.spec().action().text(),
                            will.stream().filter(h -> !was.contains(h)).toList(),
                            was.stream().filter(h -> !will.contains(h)).toList()));
                }
                // namespaced policy never selects a host endpoint (spec §1.3): nothing to compare
                case StagedNetworkPolicy s -> selections.add(new Selection(r.kind().kindName(),
                        s.metadata().namespace() + "/" + s.metadata().name(), s.spec().action().text(),
                        List.of(), List.of()));
                default -> throw new IllegalArgumentException(r.kind().kindName() + " " + r.metadata().name()
                        + " is not a staged policy");
            }
        }
        List<Resource> afterResources = List.copyOf(after.values());
        World afterWorld = World.of(afterResources);
        List<LockoutGuard> guards = current.stream()
                .filter(LockoutGuard.class::isInstance).map(LockoutGuard.class::cast).toList();
        List<Probe> probes = new ArrayList<>(ProtectedFlowProbes.of(afterWorld, guards, h -> true));
        probes.addAll(flows);
        return new Result(selections, new Impact(before, afterWorld).changes(probes), probes.size());
    }

    private static List<String> selected(World world, Optional<GlobalNetworkPolicy> policy) {
        if (policy.isEmpty()) {
            return List.of();
        }
        return world.hostEndpoints().stream()
                .filter(h -> PolicySelection.selects(policy.get(), world.labels(h)))
                .map(HostEndpoint::metadata).map(m -> m.name()).toList();
    }
}
