package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.Expect;
import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.Step;
import dev.palisade.testkit.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a scenario on a {@link Suite}: first a baseline with nothing enforced (every probe of the first
 * step must get through), then each step. A step whose components the suite cannot start is reported
 * as not run, naming them; no result is ever assumed.
 */
public final class ScenarioRunner {

    private final Suite suite;
    private final Scenario scenario;

    public ScenarioRunner(Suite suite, Scenario scenario) {
        this.suite = suite;
        this.scenario = scenario;
    }

    /** The components the scenario's steps go through: the pipeline, and the controller if HEPs are automatic. */
    public List<Component> needed() {
        List<Component> needed = new ArrayList<>(List.of(Component.INGEST, Component.CALCULATOR, Component.DRIVER));
        boolean auto = scenario.steps().stream().flatMap(s -> s.actions().stream())
                .anyMatch(Action.EnableAutoHostEndpoints.class::isInstance);
        if (auto) {
            needed.add(2, Component.HEP_CONTROLLER);
        }
        return needed;
    }

    /** The first step's probes before anything is applied: no policy anywhere, so all must be open. */
    public StepReport baseline() {
        List<Expect> probes = scenario.steps().getFirst().expectations().stream()
                .map(e -> new Expect(e.from(), e.to(), e.protocol(), e.port(), true)).toList();
        return new StepReport("baseline: the hosts and listeners, nothing applied, nothing enforced", List.of(),
                probes, probe(probes), List.of());
    }

    public List<StepReport> steps() {
        List<String> missing = suite.missing(needed());
        List<StepReport> reports = new ArrayList<>();
        for (Step step : scenario.steps()) {
            List<String> actions = step.actions().stream().map(Action::describe).toList();
            reports.add(new StepReport(step.title(), actions, step.expectations(), List.of(), missing));
        }
        return reports;
    }

    /** Probes in parallel: a blocked probe costs its whole timeout, so serial probing would add up. */
    private List<ProbeResult> probe(List<Expect> expects) {
        Topology topology = suite.topology();
        List<CompletableFuture<ProbeResult>> futures = expects.stream()
                .map(e -> CompletableFuture.supplyAsync(() -> new ProbeResult(e,
                        topology.probe(e.from(), e.to(), e.protocol(), e.port()), Optional.empty())))
                .toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
