package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Expect;
import java.util.List;

/**
 * What happened in one step: the probe results, or, when the step could not run, the components whose
 * absence stopped it (then there are no results: nothing is made up).
 */
public record StepReport(String title, List<String> actions, List<Expect> expected, List<ProbeResult> results,
                         List<String> missing) {

    public StepReport {
        actions = List.copyOf(actions);
        expected = List.copyOf(expected);
        results = List.copyOf(results);
        missing = List.copyOf(missing);
    }

    public boolean ran() {
        return missing.isEmpty();
    }

    /** True only for a step that ran and saw every expectation hold. */
    public boolean passed() {
        return ran() && !results.isEmpty() && results.stream().allMatch(ProbeResult::matches);
    }
}
