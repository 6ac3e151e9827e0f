package dev.palisade.model.semantics;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.selector.Selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which global policies select a host endpoint (spec §4.2), without testing every policy against every
 * endpoint: a selector that requires {@code label == value} (alone or in a top-level {@code &&}) is filed
 * under that pair, so an endpoint only tests the policies filed under its own labels plus the few whose
 * selector requires no such pair ({@code all()}, {@code has(x)}, negations). Answers are remembered per
 * endpoint of the world.
 */
final class PolicySelection {

    private record Parsed(GlobalNetworkPolicy policy, Selector selector) {
    }

    private final World world;
    private final Map<String, Map<String, List<Parsed>>> byLabelValue = new HashMap<>();
    private final List<Parsed> unindexed = new ArrayList<>();
    private final Map<String, List<GlobalNetworkPolicy>> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, List<GlobalNetworkPolicy>> before;
    private final Predicate<String> unchanged;

    PolicySelection(World world) {
        this(world, Map.of(), name -> false);
    }

    private PolicySelection(World world, Map<String, List<GlobalNetworkPolicy>> before, Predicate<String> unchanged) {
        this.world = world;
        this.before = before;
        this.unchanged = unchanged;
        for (GlobalNetworkPolicy p : world.globalNetworkPolicies()) {
            selector(p).ifPresent(s -> {
                Parsed parsed = new Parsed(p, s);
                requiredPair(s).ifPresentOrElse(
                        pair -> byLabelValue.computeIfAbsent(pair.label(), l -> new HashMap<>())
                                .computeIfAbsent(pair.value(), v -> new ArrayList<>()).add(parsed),
                        () -> unindexed.add(parsed));
            });
        }
    }

    /**
     * This selection for {@code next} (the policies it holds now), keeping the answers for the endpoints
     * {@code unchanged} names: a policy write changes the answer only for the endpoints its old or new
     * selector picks.
     */
    PolicySelection carriedTo(World next, Predicate<String> unchanged) {
        return new PolicySelection(next, byEndpoint, unchanged);
    }

    /** The policies selecting the endpoint, in the world's policy order (by name). */
    List<GlobalNetworkPolicy> selecting(HostEndpoint hep) {
        if (!world.owns(hep)) {
            return compute(world.labels(hep));
        }
        return byEndpoint.computeIfAbsent(hep.metadata().name(), n -> {
            List<GlobalNetworkPolicy> kept = unchanged.test(n) ? before.get(n) : null;
            return kept != null ? kept : compute(world.labels(hep));
        });
    }

    private List<GlobalNetworkPolicy> compute(Map<String, String> labels) {
        // each policy is filed once, under one pair, and an endpoint has one value per label: no duplicates
        List<Parsed> candidates = new ArrayList<>(unindexed);
        labels.forEach((label, value) -> {
            Map<String, List<Parsed>> byValue = byLabelValue.get(label);
            if (byValue != null) {
                candidates.addAll(byValue.getOrDefault(value, List.of()));
            }
        });
        return candidates.stream().filter(c -> c.selector().matches(labels)).map(Parsed::policy)
                .sorted(Comparator.comparing(p -> p.metadata().name())).toList();
    }

    /** Does the policy select an endpoint with these labels? */
    static boolean selects(GlobalNetworkPolicy p, Map<String, String> labels) {
        return selector(p).map(s -> s.matches(labels)).orElse(false);
    }

    /** namespaceSelector / serviceAccountSelector restrict a policy to workloads, so it never selects a HEP. */
    private static Optional<Selector> selector(GlobalNetworkPolicy p) {
        GlobalNetworkPolicySpec spec = p.spec();
        if (!spec.namespaceSelector().isBlank() || !spec.serviceAccountSelector().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SelectorText.parse(spec.selector(), "GlobalNetworkPolicy " + p.metadata().name()
                + " spec.selector"));
    }

    private static Optional<Selector.Equals> requiredPair(Selector s) {
        return switch (s) {
            case Selector.Equals e -> Optional.of(e);
            case Selector.And a -> a.operands().stream().filter(Selector.Equals.class::isInstance)
                    .map(Selector.Equals.class::cast).findFirst();
            default -> Optional.empty();
        };
    }
}
