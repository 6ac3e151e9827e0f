package dev.palisade.e2e.local;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.suite.ReportPrinter;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.StepReport;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.testkit.Host;
import dev.palisade.testkit.ServerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code ./palisade-local} runs once it has built everything: the servers and the four services on
 * loopback, the demo cluster as namespaces, seed 001 step by step with expected against observed (and
 * against {@code palisade simulate}). Without {@code --check} it then keeps the suite up until Ctrl-C;
 * either way everything it started is stopped and removed on exit.
 */
public final class LocalSuite {

    private LocalSuite() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean check = List.of(args).contains("--check");
        PrintStream out = System.out;
        Path repository = Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize();
        Scenario scenario = new Seeds(new SeedManifests(repository)).seed001();

        out.println("palisade-local: starting etcd, Kafka, PostgreSQL, the demo cluster and the four services ...");
        long started = System.nanoTime();
        Suite suite = Suite.start(repository);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            suite.close();
            stopped.countDown();
        }, "palisade-local-stop"));
        out.printf("  up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        describe(out, suite);

        suite.listen(scenario);
        ScenarioRunner runner = new ScenarioRunner(suite, scenario);
        ReportPrinter printer = new ReportPrinter(out);
        List<StepReport> reports = new ArrayList<>();
        StepReport baseline = runner.baseline();
        reports.add(baseline);
        printer.print(0, baseline);
        for (var step : scenario.steps()) {
            StepReport report = runner.run(step);
            reports.add(report);
            printer.print(reports.size() - 1, report);
        }
        boolean allPassed = reports.stream().allMatch(StepReport::passed);
        out.printf("%n%s: %d of %d steps passed, %d failed to run%n", scenario.name(),
                reports.stream().filter(StepReport::passed).count(), reports.size(),
                reports.stream().filter(r -> !r.ran()).count());

        if (check) {
            System.exit(allPassed ? 0 : 1);
        }
        out.println("\nThe suite keeps running; Ctrl-C stops everything it started and removes its namespaces.");
        out.println("  REST API   " + suite.services().ingestUrl() + "/apis/projectcalico.org/v3/");
        out.println("  tokens     " + suite.services().tokensFile() + " (e2e-user is an editor: curl -H "
                + "'Authorization: Bearer TOKEN' …)");
        out.println("  CLI        export PALISADE_SERVER=" + suite.services().ingestUrl() + " PALISADE_TOKEN="
                + suite.services().userToken() + "   # then: ./palisade get hep -o wide");
        stopped.await();
    }

    private static void describe(PrintStream out, Suite suite) {
        out.println("  etcd       " + suite.servers().etcd().endpoint());
        out.println("  Kafka      " + suite.servers().kafka().bootstrapServers());
        out.println("  PostgreSQL " + suite.servers().postgres().reactiveUrl());
        for (ServerProcess p : suite.services().processes()) {
            out.printf("  %-28s log %s%n", p, p.log());
        }
        for (Host host : suite.topology().hosts()) {
            out.printf("  %-10s %-16s netns %s%n", host.name(), host.ipv4(), host.ns().name());
        }
    }
}
