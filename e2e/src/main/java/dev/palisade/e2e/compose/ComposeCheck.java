package dev.palisade.e2e.compose;

import static dev.palisade.e2e.scenario.Expect.open;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.e2e.observability.PrometheusApi;
import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.scenario.ScenarioStep;
import dev.palisade.e2e.suite.ReportPrinter;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.StepReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code deploy/compose/check} runs once the stack is up and healthy: seed 001 step by step against the
 * compose stack (node events as CloudEvents on Kafka, everything else through the REST API), each step
 * probed with real TCP between the containers and compared with {@code palisade simulate}; then a crash
 * step: the main processes of the policy calculator and node1's driver are killed (SIGKILL), one more change
 * is applied, and the restarted containers must enforce it. First it applies {@code deploy/compose/metrics-access.yaml}
 * (Prometheus may reach the drivers' metrics port); last it requires that the stack's Prometheus scrapes
 * every node's driver, its policies in force. Prints {@code compose: N of M steps passed}; exits 0 only if all
 * steps passed and every driver is scraped.
 */
public final class ComposeCheck {

    /** The containers the crash step kills: the calculator and one node's dataplane driver. */
    static final List<String> KILLED = List.of("policy-calculator", "driver-node1");
    /** The nodes of the compose stack, each with a driver. */
    static final List<String> NODES = List.of("master", "node1", "node2");
    private static final Duration RESTART = Duration.ofSeconds(60);
    /** The compose Prometheus scrapes every 15 s, and a restarted driver needs a few seconds to listen. */
    private static final Duration SCRAPED = Duration.ofSeconds(60);

    private ComposeCheck() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path repository = Path.of(required("palisade.repo")).toAbsolutePath().normalize();
        Docker docker = new Docker(required("palisade.compose.project"));
        SeedManifests manifests = new SeedManifests(repository);
        Scenario scenario = new Seeds(manifests).seed001();
        List<StepReport> reports = new ArrayList<>();
        try (ComposeCluster cluster = new ComposeCluster(docker, URI.create(required("palisade.compose.ingest")),
                read(Path.of(required("palisade.compose.token-file"))), URI.create(required("palisade.compose.calculator-metrics")),
                required("palisade.compose.kafka"))) {
            cluster.client().apply(SeedManifests.applyFile(repository.resolve("deploy/compose/metrics-access.yaml")).resources());
            ScenarioRunner runner = new ScenarioRunner(cluster, scenario);
            ReportPrinter printer = new ReportPrinter(out);
            reports.add(runner.baseline());
            printer.print(0, reports.getLast());
            for (ScenarioStep step : scenario.steps()) {
                reports.add(runner.run(step));
                printer.print(reports.size() - 1, reports.getLast());
            }
            reports.add(crashStep(docker, runner, manifests));
            printer.print(reports.size() - 1, reports.getLast());
        }
        List<String> unscraped = driversNotScraped(new PrometheusApi(URI.create(required("palisade.compose.prometheus"))));
        out.println(unscraped.isEmpty() ? "\nPrometheus scrapes every node's driver: " + NODES
                : "\nFAIL Prometheus does not scrape every node's driver within " + SCRAPED.toSeconds() + " s: " + unscraped);
        long passed = reports.stream().filter(StepReport::passed).count();
        out.printf("%ncompose: %d of %d steps passed%n", passed, reports.size());
        System.exit(passed == reports.size() && unscraped.isEmpty() ? 0 : 1);
    }

    /**
     * Kills the calculator and node1's driver, applies global-access at once (while they are down), and
     * requires that both came back (restart policy) and node1 — which blocked 8888 from outside until now —
     * lets it through: only a restarted driver can have enforced that.
     */
    private static StepReport crashStep(Docker docker, ScenarioRunner runner, SeedManifests manifests) {
        Map<String, Integer> before = new LinkedHashMap<>();
        KILLED.forEach(s -> before.put(s, docker.restarts(s).count()));
        KILLED.forEach(docker::crash);
        Action apply = manifests.apply("001-gnp-global-access.yaml");
        ScenarioStep step = new ScenarioStep("SIGKILL " + String.join(" and ", KILLED) + ", then global-access again: "
                + "the restarted containers enforce it", List.of(apply),
                List.of(open("external", "master", 8888), open("external", "node1", 8888), open("pod", "master", 8888)));
        StepReport report = runner.run(step);
        List<String> notRestarted = notRestarted(docker, before);
        if (notRestarted.isEmpty()) {
            return report;
        }
        List<String> errors = new ArrayList<>(report.errors());
        errors.add("not restarted by the engine within " + RESTART.toSeconds() + " s: " + notRestarted);
        return new StepReport(report.title(), report.actions(), report.expected(), List.of(), errors);
    }

    /**
     * The nodes whose driver the stack's Prometheus does not scrape successfully (job {@code dataplane-driver},
     * the target labelled with the node, up), after the seed's policies are in force on every node.
     */
    static List<String> driversNotScraped(PrometheusApi prometheus) {
        long deadline = System.nanoTime() + SCRAPED.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>(NODES);
            for (JsonNode target : prometheus.activeTargets()) {
                JsonNode labels = target.path("labels");
                if (labels.path("job").asText().equals("dataplane-driver") && target.path("health").asText().equals("up")) {
                    missing.remove(labels.path("node").asText());
                }
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return missing;
            }
        }
    }

    private static List<String> notRestarted(Docker docker, Map<String, Integer> before) {
        long deadline = System.nanoTime() + RESTART.toNanos();
        while (true) {
            List<String> missing = before.entrySet().stream().filter(e -> {
                Docker.Restarts now = docker.restarts(e.getKey());
                return now.count() <= e.getValue() || !now.running();
            }).map(Map.Entry::getKey).toList();
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return missing;
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is not set (deploy/compose/check sets it)");
        }
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token from " + file, e);
        }
    }
}
