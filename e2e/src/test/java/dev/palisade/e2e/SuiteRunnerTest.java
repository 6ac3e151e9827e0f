package dev.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.suite.Component;
import dev.palisade.e2e.suite.ProbeResult;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.StepReport;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.testkit.NetNs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 on the real servers and the demo cluster. The baseline runs with real packets; every later
 * step needs services, and a step whose services the suite cannot start must say which, never pass.
 */
class SuiteRunnerTest {

    private final Path repository = Path.of(System.getProperty("palisade.repo", "..")).toAbsolutePath().normalize();

    @Test
    void seed001BaselineProbesForRealAndStepsNameWhatTheyLack() {
        Scenario scenario = new Seeds(new SeedManifests(repository)).seed001();
        List<String> namespaces;
        try (Suite suite = Suite.start(repository, scenario)) {
            namespaces = suite.topology().namespaceNames();
            assertThat(suite.servers().etcd().process().isAlive()).isTrue();
            assertThat(suite.servers().kafka().process().isAlive()).isTrue();
            assertThat(suite.servers().postgres().process().isAlive()).isTrue();
            ScenarioRunner runner = new ScenarioRunner(suite, scenario);

            StepReport baseline = runner.baseline();
            assertThat(baseline.results()).extracting(r -> r.expect().probe())
                    .contains("external -> master:8888/tcp", "pod -> master:8888/tcp", "external -> master:22/tcp");
            assertThat(baseline.results()).allMatch(ProbeResult::matches);
            assertThat(baseline.passed()).isTrue();

            assertThat(runner.needed()).containsExactly(Component.INGEST, Component.CALCULATOR,
                    Component.HEP_CONTROLLER, Component.DRIVER);
            List<StepReport> steps = runner.steps();
            assertThat(steps).hasSize(scenario.steps().size());
            for (int i = 0; i < steps.size(); i++) {
                StepReport step = steps.get(i);
                assertThat(step.expected()).isEqualTo(scenario.steps().get(i).expectations());
                assertThat(step.passed()).as(step.title()).isFalse();
                assertThat(step.results()).isEmpty();
                assertThat(String.join("\n", step.missing())).contains("ingest-service", "policy-calculator",
                        "hep-controller", "dataplane-driver");
            }
        }
        assertThat(NetNs.list()).doesNotContainAnyElementsOf(namespaces);
    }
}
