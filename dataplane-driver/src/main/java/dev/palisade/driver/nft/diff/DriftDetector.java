package dev.palisade.driver.nft.diff;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the kernel's table with the driver's record of what it applied: every applied chain must hold
 * exactly its rules (by hash comment, in order) and every applied set must exist with exactly its elements
 * (compared in {@link SetElements}' spelling; by count only where the driver's record came from the kernel).
 * Objects someone else added to the table are not drift: the driver does not own them.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    /** Human-readable differences; empty when the kernel holds what was applied. */
    public static List<String> differences(AppliedState applied, Optional<KernelTable> kernel) {
        List<String> diffs = new ArrayList<>();
        if (!applied.tableExists()) {
            return diffs;
        }
        if (kernel.isEmpty()) {
            diffs.add("table inet palisade is gone");
            return diffs;
        }
        KernelTable k = kernel.get();
        applied.chains().forEach((name, chain) -> {
            List<String> actual = k.chains().get(name);
            if (actual == null) {
                diffs.add("chain " + name + " is gone");
            } else if (!actual.equals(chain.hashes())) {
                diffs.add("chain " + name + " has " + actual.size() + " rules that differ from the "
                        + chain.hashes().size() + " applied");
            }
        });
        applied.sets().forEach((name, set) -> {
            KernelTable.KernelSet actual = k.sets().get(name);
            if (actual == null) {
                diffs.add("set " + name + " is gone");
            } else if (set.elements() == null ? actual.elements().size() != set.elementCount()
                    : !actual.elements().equals(canonical(set.elements()))) {
                diffs.add("set " + name + " holds " + actual.elements().size() + " elements that differ from the "
                        + set.elementCount() + " applied");
            }
        });
        return diffs;
    }

    private static Set<String> canonical(Set<String> elements) {
        return elements.stream().map(SetElements::canonical).collect(Collectors.toSet());
    }
}
