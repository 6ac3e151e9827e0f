package dev.palisade.e2e.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.e2e.observability.DashboardQueries.PanelQuery;
import dev.palisade.e2e.suite.Services.ScrapeTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Checks the shipped dashboards and alert rules against a running suite: {@code promtool check rules} and
 * {@code promtool test rules}, the dashboards' lint rules, every panel query type-checked offline by promtool,
 * then, through the HTTP API of a real Prometheus that scraped the suite while it worked, every panel query
 * must return data (a series with at least one number that is not NaN) and every rule must evaluate with
 * health {@code ok}. The last line it prints is {@code observability: N/N panel queries return data, M rules ok}.
 */
public final class ObservabilityCheck {

    /** Grafana's $__rate_interval is at least four scrape intervals; the check scrapes every second. */
    static final String RATE_INTERVAL = "15s";
    private static final String PROMTOOL = "/usr/bin/promtool";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Path repository;
    private final Path work;

    public ObservabilityCheck(Path repository, Path work) {
        this.repository = repository;
        this.work = work;
    }

    /** The shipped alert/recording rule files (not their unit tests). */
    public List<Path> ruleFiles() {
        return rules(false);
    }

    /** Starts Prometheus over the suite's targets with the shipped rules; start it before the activity to see. */
    public Prometheus startPrometheus(List<ScrapeTarget> targets) {
        return Prometheus.start(work, targets, ruleFiles());
    }

    /** Runs every check, printing one line per finding; true only if all pass. */
    public boolean run(Prometheus prometheus, List<ScrapeTarget> targets, PrintStream out) {
        boolean ok = promtool(out, "check rules", Stream.concat(Stream.of("check", "rules"),
                ruleFiles().stream().map(Path::toString)).toList());
        ok &= promtool(out, "test rules", Stream.concat(Stream.of("test", "rules"),
                rules(true).stream().map(Path::toString)).toList());

        DashboardQueries.Dashboards dashboards = DashboardQueries.read(repository.resolve("deploy/grafana/dashboards"));
        dashboards.problems().forEach(p -> out.println("  FAIL dashboard lint: " + p));
        ok &= dashboards.problems().isEmpty();
        ok &= promtool(out, "panel queries type-check", List.of("check", "rules", panelsAsRules(dashboards.queries()).toString()));

        ok &= await(out, "every scrape target up", () -> targetsUp(prometheus) == targets.size());
        List<PanelQuery> queries = dashboards.queries();
        await(out, "every panel query returns data", () -> queries.stream().allMatch(q -> hasData(prometheus, q)));
        int withData = 0;
        for (PanelQuery q : queries) {
            boolean data = hasData(prometheus, q);
            withData += data ? 1 : 0;
            out.println("  " + (data ? "ok  " : "FAIL") + " " + q + (data ? "" : ": no data for " + q.expanded(RATE_INTERVAL)));
        }
        ok &= withData == queries.size();

        await(out, "every rule evaluated", () -> rules(prometheus).stream().noneMatch(r -> r.path("health").asText().equals("unknown")));
        int rulesOk = 0;
        List<JsonNode> rules = rules(prometheus);
        for (JsonNode rule : rules) {
            boolean healthy = rule.path("health").asText().equals("ok")
                    && prometheus.api().query(rule.path("query").asText()).path("status").asText().equals("success");
            rulesOk += healthy ? 1 : 0;
            out.println("  " + (healthy ? "ok  " : "FAIL") + " rule " + rule.path("name").asText()
                    + (healthy ? "" : ": " + rule.path("health").asText() + " " + rule.path("lastError").asText()));
        }
        ok &= !rules.isEmpty() && rulesOk == rules.size();
        out.printf("observability: %d/%d panel queries return data, %d rules ok%n", withData, queries.size(), rulesOk);
        return ok;
    }

    private List<Path> rules(boolean tests) {
        try (Stream<Path> files = Files.list(repository.resolve("deploy/prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml") && f.toString().endsWith("_test.yml") == tests)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list deploy/prometheus/rules", e);
        }
    }

    /** Every panel query as a recording rule, so promtool's full parser (types included) reads it. */
    private Path panelsAsRules(List<PanelQuery> queries) {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard-panels\n    rules:\n");
        int n = 0;
        for (PanelQuery q : queries) {
            yaml.append("      - record: panel_").append(n++).append("\n        expr: '")
                    .append(q.expanded("5m").replace("'", "''")).append("'\n");
        }
        try {
            Files.createDirectories(work);
            return Files.writeString(Files.createTempFile(work, "panels-", ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the panel queries under " + work, e);
        }
    }

    private boolean promtool(PrintStream out, String what, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = process.waitFor() == 0;
            out.println("  " + (ok ? "ok  " : "FAIL") + " promtool " + what + (ok ? "" : ":\n" + output));
            return ok;
        } catch (IOException e) {
            throw new UncheckedIOException(PROMTOOL + " cannot run: apt-get install prometheus (.ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean await(PrintStream out, String what, BooleanSupplier condition) {
        long started = System.nanoTime();
        long deadline = started + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                out.println("  FAIL " + what + " within " + WAIT.toSeconds() + " s");
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        out.printf("  ok   %s (%.1f s)%n", what, (System.nanoTime() - started) / 1e9);
        return true;
    }

    private static long targetsUp(Prometheus prometheus) {
        return prometheus.api().activeTargets().stream().filter(t -> t.path("health").asText().equals("up")).count();
    }

    private static boolean hasData(Prometheus prometheus, PanelQuery q) {
        long now = System.currentTimeMillis() / 1000;
        JsonNode response = prometheus.api().queryRange(q.expanded(RATE_INTERVAL), prometheus.startedSeconds(), now, 1);
        if (!response.path("status").asText().equals("success")) {
            return false;
        }
        for (JsonNode series : response.path("data").path("result")) {
            for (JsonNode value : series.path("values")) {
                String v = value.get(1).asText();
                if (!v.equals("NaN") && !v.contains("Inf")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<JsonNode> rules(Prometheus prometheus) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : prometheus.api().get("/api/v1/rules").path("data").path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }
}
