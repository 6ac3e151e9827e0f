package dev.palisade.e2e.observability;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.Suite;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code deploy/observability/check} runs once built: the local suite (as {@code ./palisade-local}
 * starts it) and a real Prometheus scraping it, seed 001 step by step, then {@link ObservabilityCheck}.
 * Exits 0 only if every check passes; stops everything it started.
 */
public final class ObservabilityMain {

    private ObservabilityMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path repository = Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("palisade.testkit.dir", "target/observability")).toAbsolutePath();
        long started = System.nanoTime();
        boolean ok;
        try (Suite suite = Suite.start(repository)) {
            ObservabilityCheck check = new ObservabilityCheck(repository, work);
            try (Prometheus prometheus = check.startPrometheus(suite.services().scrapeTargets())) {
                Scenario scenario = new Seeds(new SeedManifests(repository)).seed001();
                suite.listen(scenario);
                ScenarioRunner runner = new ScenarioRunner(suite, scenario);
                runner.baseline();
                scenario.steps().forEach(runner::run);
                out.println("observability: seed 001 ran; checking dashboards and rules against Prometheus");
                ok = check.run(prometheus, suite.services().scrapeTargets(), out);
            }
        }
        System.err.printf("observability check took %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(ok ? 0 : 1);
    }
}
