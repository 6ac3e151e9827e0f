package dev.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.e2e.faults.FaultMatrix;
import dev.palisade.e2e.observability.ObservabilityCheck;
import dev.palisade.e2e.observability.Prometheus;
import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.scenario.ScenarioStep;
import dev.palisade.e2e.suite.ProbeResult;
import dev.palisade.e2e.suite.ReportPrinter;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.StepReport;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.testkit.NetNs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed tutorials against the whole suite: real etcd, Kafka and PostgreSQL, the four services as
 * processes (a driver per node namespace), node events as CloudEvents, manifests through the REST API,
 * real packets. One suite serves every seed (each starts from a reset datastore); every step must show the
 * seed's result with packets and agree with {@code palisade simulate} on the resources read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedsEndToEndTest {

    private final Path repository = Path.of(System.getProperty("palisade.repo", "..")).toAbsolutePath().normalize();
    private final Seeds seeds = new Seeds(new SeedManifests(repository));
    private Suite suite;
    private List<String> namespaces;
    private ObservabilityCheck observability;
    private Prometheus prometheus;

    @BeforeAll
    void startSuite() {
        suite = Suite.start(repository);
        namespaces = suite.topology().namespaceNames();
        // scraping from the start, so the dashboards' rates see seed 001's changes
        observability = new ObservabilityCheck(repository,
                Path.of(System.getProperty("palisade.testkit.dir", "target/testkit")).toAbsolutePath());
        prometheus = observability.startPrometheus(suite.services().scrapeTargets());
    }

    @AfterAll
    void stopSuite() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (suite != null) {
            suite.close();
            assertThat(NetNs.list()).doesNotContainAnyElementsOf(namespaces);
            assertThat(suite.services().processes()).noneMatch(p -> p.isAlive());
        }
    }

    @Test
    @Order(1)
    void seed001AutomaticHostEndpointsStepByStep() {
        runAndCheck(seeds.seed001());
    }

    /** What deploy/observability/check proves, on the suite seed 001 just exercised (it adds seconds, not a suite). */
    @Test
    @Order(2)
    void everyDashboardPanelReturnsDataAndEveryRuleEvaluatesAfterSeed001() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long started = System.nanoTime();
        boolean ok = observability.run(prometheus, suite.services().scrapeTargets(),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        System.out.printf("observability check: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(ok).as(printed).isTrue();
        assertThat(printed.strip().lines().toList().getLast()).matches("observability: (\\d+)/\\1 panel queries return data, [1-9]\\d* rules ok");
    }

    @Test
    void seed002HostsAndNodePorts() {
        runAndCheck(seeds.seed002());
    }

    @Test
    void seed000NamedHostEndpointAndPreDnat() {
        runAndCheck(seeds.seed000());
    }

    /** Issue 19's done-when: the lockout guard, a staged policy's preview against packets, explain vs simulate. */
    @Test
    @Order(3)
    void lockoutGuardStagedPreviewAndExplainAgreeWithPackets(@TempDir Path dir) {
        suite.reset();
        new GuardStagedExplainJourney(suite, repository, dir).run();
    }

    /**
     * Issue 17's fault matrix, small and with a fixed seed (bench/run faults runs the full one): every kind of
     * fault once under a stream of changes, then nothing lost, nothing behind, packets as simulated. Last, since
     * it restarts the servers under the suite.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void faultMatrixLosesNoWriteAndEveryNodeConvergesToTheSimulatedVerdicts() {
        suite.reset();
        FaultMatrix.Report report = new FaultMatrix(suite, new FaultMatrix.Config(1, 70,
                FaultMatrix.FaultKind.values().length, List.of(FaultMatrix.FaultKind.values()))).run();
        System.out.println("fault matrix: " + report);
        assertThat(report.faults()).isEqualTo(FaultMatrix.FaultKind.values().length);
        assertThat(report.byKind()).hasSize(FaultMatrix.FaultKind.values().length);
        assertThat(report.acknowledged()).as("writes acknowledged despite the faults").isGreaterThan(20);
        assertThat(report.probes()).isGreaterThan(0);
        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    private void runAndCheck(Scenario scenario) {
        suite.reset();
        suite.listen(scenario);
        ScenarioRunner runner = new ScenarioRunner(suite, scenario);
        StepReport baseline = runner.baseline();
        assertThat(baseline.passed()).as(printed(0, baseline)).isTrue();
        int number = 1;
        for (ScenarioStep step : scenario.steps()) {
            StepReport report = runner.run(step);
            String printed = printed(number++, report);
            assertThat(report.ran()).as(printed).isTrue();
            assertThat(report.results()).as(printed).hasSameSizeAs(step.expectations())
                    .allMatch(r -> r.simulated().isPresent());
            assertThat(report.results()).as(printed).allMatch(ProbeResult::matches);
        }
    }

    private static String printed(int number, StepReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(text, true, StandardCharsets.UTF_8)).print(number, report);
        return text.toString(StandardCharsets.UTF_8);
    }
}
