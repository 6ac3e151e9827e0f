package dev.palisade.bench;

import dev.palisade.e2e.faults.FaultMatrix;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.testkit.Commands;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code bench/run faults}: issue 17's fault matrix on the whole suite (real servers, the services as processes,
 * node namespaces): {@code palisade.bench.changes} changes (default 500) while {@code palisade.bench.faults}
 * faults (default 21, every kind three times) are injected at random moments; {@code palisade.bench.seed}
 * reproduces a run. After the suite is stopped, any process still running that names one of its node
 * namespaces counts as left behind. Ends with one {@code RESULT {json}} line; exits 1 when anything was lost,
 * behind, wrong or left.
 */
public final class FaultMatrixMain {

    private FaultMatrixMain() {
    }

    public static void main(String[] args) {
        Path repository = Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize();
        long seed = Long.getLong("palisade.bench.seed", 1);
        int changes = Integer.getInteger("palisade.bench.changes", 500);
        int faults = Integer.getInteger("palisade.bench.faults", 3 * FaultMatrix.FaultKind.values().length);
        long started = System.nanoTime();
        FaultMatrix.Report report;
        List<String> namespaces;
        try (Suite suite = Suite.start(repository)) {
            namespaces = suite.topology().namespaceNames();
            report = new FaultMatrix(suite, new FaultMatrix.Config(seed, changes, faults,
                    Arrays.asList(FaultMatrix.FaultKind.values()))).run();
        }
        long leftovers = leftovers(namespaces);
        report.problems().forEach(p -> System.err.println("PROBLEM " + p));
        String byKind = report.byKind().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
        System.out.println("RESULT " + String.format(Locale.ROOT,
                "{\"bench\":\"faults\",\"seed\":%d,\"changes\":%d,\"acknowledged\":%d,\"refused\":%d,\"unknown\":%d,"
                        + "\"faults\":%d,\"byKind\":%s,\"lostWrites\":%d,\"nodesBehind\":%d,\"kernelMismatches\":%d,"
                        + "\"probes\":%d,\"maxRecoverySeconds\":%.1f,\"convergeSeconds\":%.1f,\"leftoverProcesses\":%d,"
                        + "\"problems\":%d,\"seconds\":%.0f,\"loadAverage\":%.2f}",
                report.seed(), report.changes(), report.acknowledged(), report.refused(), report.unknown(),
                report.faults(), byKind, report.lostWrites(), report.nodesBehind(), report.kernelMismatches(),
                report.probes(), report.maxRecoverySeconds(), report.convergeSeconds(), leftovers,
                report.problems().size(), (System.nanoTime() - started) / 1e9,
                Machine.loadAverage()));
        System.exit(report.clean() && leftovers == 0 ? 0 : 1);
    }

    /** Processes whose command line names one of the suite's namespaces (an orphaned {@code nft monitor}, say). */
    private static long leftovers(List<String> namespaces) {
        return namespaces.stream()
                .mapToLong(ns -> Commands.run("pgrep", "-f", ns).stdout().lines().filter(l -> !l.isBlank()).count())
                .sum();
    }
}
