package dev.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.e2e.oracle.Oracle;
import dev.palisade.e2e.oracle.PacketPath;
import dev.palisade.e2e.oracle.ScenarioWorld;
import dev.palisade.e2e.scenario.Expect;
import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.scenario.ScenarioStep;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.TopologySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Before anything runs: every expectation the scenarios take from the seeds agrees with the reference
 * evaluator on the resources the steps should produce, over the packets the demo topology turns each
 * probe into. A scenario that disagreed here would make the end-to-end verdicts meaningless.
 */
class ScenarioOracleTest {

    private final TopologySpec topology = TopologySpec.demo();

    @TestFactory
    Stream<DynamicTest> everySeedStepAgreesWithSimulate() {
        return new Seeds(SeedManifests.fromRepository()).all().stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> check(scenario)));
    }

    private void check(Scenario scenario) {
        ScenarioWorld world = new ScenarioWorld(topology);
        Oracle oracle = new Oracle(new PacketPath(topology, scenario.nodes()));
        List<String> disagreements = new ArrayList<>();
        int probes = 0;
        for (ScenarioStep step : scenario.steps()) {
            step.actions().forEach(world::apply);
            List<Resource> resources = world.resources();
            step.hostEndpoints().ifPresent(names -> assertThat(resources.stream()
                    .filter(HostEndpoint.class::isInstance).map(r -> r.metadata().name()))
                    .as(step.title()).containsExactlyInAnyOrderElementsOf(names));
            for (Expect expect : step.expectations()) {
                Oracle.Judgement judgement = oracle.judge(resources, expect);
                probes++;
                assertThat(judgement.hops()).as("%s: %s crosses a node", step.title(), expect.probe()).isNotEmpty();
                if (judgement.reachable() != expect.reachable()) {
                    disagreements.add(step.title() + ": " + expect.probe() + " expected "
                            + (expect.reachable() ? "open" : "blocked") + ", simulate says " + judgement.hops());
                }
            }
        }
        assertThat(disagreements).as(scenario.name()).isEmpty();
        assertThat(probes).isGreaterThanOrEqualTo(scenario.steps().size());
    }
}
