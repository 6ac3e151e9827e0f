package dev.palisade.e2e.local;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.suite.ReportPrinter;
import dev.palisade.e2e.suite.ScenarioRunner;
import dev.palisade.e2e.suite.StepReport;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.testkit.Host;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code ./palisade-local} runs once it has built everything: the suite on loopback, the demo cluster
 * as namespaces, seed 001 step by step with expected against observed. Without {@code --check} it then
 * keeps the suite up until Ctrl-C; either way everything it started is stopped and removed on exit.
 */
public final class LocalSuite {

    private LocalSuite() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean check = List.of(args).contains("--check");
        PrintStream out = System.out;
        Path repository = Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize();
        Scenario scenario = new Seeds(new SeedManifests(repository)).seed001();

        out.println("palisade-local: starting etcd, Kafka and PostgreSQL on 127.0.0.1, and the demo cluster ...");
        Suite suite = Suite.start(repository, scenario);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            suite.close();
            stopped.countDown();
        }, "palisade-local-stop"));
        describe(out, suite);

        ScenarioRunner runner = new ScenarioRunner(suite, scenario);
        ReportPrinter printer = new ReportPrinter(out);
        List<StepReport> reports = new ArrayList<>();
        reports.add(runner.baseline());
        reports.addAll(runner.steps());
        for (int i = 0; i < reports.size(); i++) {
            printer.print(i, reports.get(i));
        }
        boolean allPassed = reports.stream().allMatch(StepReport::passed);
        long notRun = reports.stream().filter(r -> !r.ran()).count();
        out.printf("%n%s: %d of %d steps passed, %d not run%n", scenario.name(),
                reports.stream().filter(StepReport::passed).count(), reports.size(), notRun);

        if (check) {
            System.exit(allPassed ? 0 : 1);
        }
        out.println("\nThe suite keeps running; Ctrl-C stops everything it started and removes its namespaces.");
        stopped.await();
    }

    private static void describe(PrintStream out, Suite suite) {
        out.println("  etcd       " + suite.servers().etcd().endpoint());
        out.println("  Kafka      " + suite.servers().kafka().bootstrapServers());
        out.println("  PostgreSQL " + suite.servers().postgres().reactiveUrl());
        for (Host host : suite.topology().hosts()) {
            out.printf("  %-10s %-16s netns %s%n", host.name(), host.ipv4(), host.ns().name());
        }
    }
}
