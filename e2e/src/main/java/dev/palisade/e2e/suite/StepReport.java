package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Expect;
import java.util.List;

/**
 * What happened in one step: the probe results, or, when the step could not be carried out (a service
 * refused, the change never reached every node), the reason; then there are no results: nothing is made up.
 */
public record StepReport(String title, List<String> actions, List<Expect> expected, List<ProbeResult> results,
                         List<String> errors) {

    public StepReport {
        actions = List.copyOf(actions);
        expected = List.copyOf(expected);
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    public boolean ran() {
        return errors.isEmpty();
    }

    /** True only for a step that ran and saw every expectation hold. */
    public boolean passed() {
        return ran() && !results.isEmpty() && results.stream().allMatch(ProbeResult::matches);
    }
}
