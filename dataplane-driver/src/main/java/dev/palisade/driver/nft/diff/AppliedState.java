package dev.palisade.driver.nft.diff;

import dev.palisade.driver.nft.render.Ruleset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's record of what its table holds: after a committed transaction, exactly the ruleset it
 * rendered; after reading the kernel (start, or a full sync), the chains' rule hashes and the sets, whose
 * elements are then unknown ({@code null}) and get rewritten whole.
 */
public record AppliedState(boolean tableExists, Map<String, AppliedChain> chains, Map<String, AppliedSet> sets) {

    public static final AppliedState ABSENT = new AppliedState(false, Map.of(), Map.of());

    public AppliedState {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    public record AppliedChain(String name, List<String> hashes) {
    }

    /** {@code elements} null = not known (read from the kernel, which lists them in its own spelling). */
    public record AppliedSet(String name, String type, boolean interval, Set<String> elements, int elementCount) {
    }

    public static AppliedState of(Ruleset ruleset) {
        Map<String, AppliedChain> chains = new LinkedHashMap<>();
        ruleset.chains().values().forEach(c -> chains.put(c.name(), new AppliedChain(c.name(), c.hashes())));
        Map<String, AppliedSet> sets = new LinkedHashMap<>();
        ruleset.sets().values().forEach(s -> sets.put(s.name(),
                new AppliedSet(s.name(), s.type(), s.interval(), s.elements(), s.elements().size())));
        return new AppliedState(true, chains, sets);
    }

    public static AppliedState fromKernel(KernelTable kernel) {
        Map<String, AppliedChain> chains = new LinkedHashMap<>();
        kernel.chains().forEach((name, comments) -> chains.put(name, new AppliedChain(name, comments)));
        Map<String, AppliedSet> sets = new LinkedHashMap<>();
        kernel.sets().values().forEach(s -> sets.put(s.name(),
                new AppliedSet(s.name(), s.type(), s.interval(), null, s.elements().size())));
        return new AppliedState(true, chains, sets);
    }

    public int ruleCount() {
        return chains.values().stream().mapToInt(c -> c.hashes().size()).sum();
    }

    public int elementCount() {
        return sets.values().stream().mapToInt(AppliedSet::elementCount).sum();
    }
}
