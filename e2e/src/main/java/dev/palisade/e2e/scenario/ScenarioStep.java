package dev.palisade.e2e.scenario;

import java.util.List;
import java.util.Optional;

/**
 * One step of a tutorial: what is done, then what must hold. {@code hostEndpoints}, when present, is the
 * exact set of host endpoint names that must exist afterwards.
 */
public record ScenarioStep(String title, List<Action> actions, List<Expect> expectations, Optional<List<String>> hostEndpoints) {

    public ScenarioStep {
        actions = List.copyOf(actions);
        expectations = List.copyOf(expectations);
        hostEndpoints = hostEndpoints.map(List::copyOf);
    }

    public ScenarioStep(String title, List<Action> actions, List<Expect> expectations) {
        this(title, actions, expectations, Optional.empty());
    }
}
