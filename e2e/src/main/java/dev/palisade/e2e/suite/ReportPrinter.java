package dev.palisade.e2e.suite;

import dev.palisade.testkit.Reach;
import java.io.PrintStream;
import java.util.Locale;

/** Prints step reports for a person: per probe, expected against observed (and simulate), then a verdict. */
public final class ReportPrinter {

    private final PrintStream out;

    public ReportPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(int number, StepReport report) {
        out.printf(Locale.ROOT, "%n== step %d: %s%n", number, report.title());
        report.actions().forEach(a -> out.println("   $ " + a));
        if (!report.ran()) {
            for (var e : report.expected()) {
                out.printf(Locale.ROOT, "   %-32s expected %-8s NOT PROBED%n", e.probe(), word(e.reachable()));
            }
            out.println("   FAILED: " + String.join("; ", report.errors()));
            return;
        }
        for (ProbeResult r : report.results()) {
            out.printf(Locale.ROOT, "   %-32s expected %-8s observed %-8s simulate %-8s %s%n", r.expect().probe(),
                    word(r.expect().reachable()), observed(r.observed()),
                    r.simulated().map(ReportPrinter::word).orElse("-"), r.matches() ? "ok" : "MISMATCH");
        }
    }

    private static String observed(Reach reach) {
        return switch (reach) {
            case OPEN -> "open";
            case TIMEOUT -> "blocked";
            case REFUSED -> "refused";
        };
    }

    private static String word(boolean reachable) {
        return reachable ? "open" : "blocked";
    }
}
