package dev.palisade.e2e.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards in {@code deploy/grafana/dashboards}: their panel queries, and the lint rules a JSON
 * schema cannot express (core panel type, datasource through the {@code ${datasource}} variable, unique ids
 * and refIds, gridPos and title present, {@code rate()/increase()} over {@code $__rate_interval}).
 */
public final class DashboardQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
    /** A dashboard variable in a query (not Grafana's own {@code $__} macros). */
    private static final Pattern VARIABLE = Pattern.compile("\\$(?!__)\\w+");
    /** A query variable's values: {@code label_values(SELECTOR, LABEL)}. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "table", "bargauge", "row");

    /** One panel target; {@code expr} as written (Grafana macros and variables unexpanded). */
    public record PanelQuery(String dashboard, int panelId, String title, String refId, String expr) {
        /** The query as Prometheus receives it: variables ($node, $policy) match every value, the rate window is fixed. */
        public String expanded(String rateInterval) {
            return VARIABLE.matcher(expr.replace("$__rate_interval", rateInterval)).replaceAll(".+");
        }

        @Override
        public String toString() {
            return dashboard + " #" + panelId + " '" + title + "' " + refId;
        }
    }

    public record Dashboards(List<PanelQuery> queries, List<String> problems) {
    }

    public static Dashboards read(Path directory) {
        List<PanelQuery> queries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                read(file, JSON.readTree(file.toFile()), queries, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboards in " + directory, e);
        }
        if (queries.isEmpty()) {
            problems.add(directory + ": no dashboard panel queries");
        }
        return new Dashboards(queries, problems);
    }

    private static void read(Path file, JsonNode dashboard, List<PanelQuery> queries, List<String> problems) {
        String name = file.getFileName().toString();
        for (String field : List.of("uid", "title", "panels", "templating", "schemaVersion")) {
            if (!dashboard.has(field)) {
                problems.add(name + ": missing " + field);
            }
        }
        boolean datasourceVariable = false;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                // the variable's values must exist too: label_values(S, L) is the series of S grouped by L
                String definition = variable.path("query").path("query").asText(variable.path("query").asText());
                Matcher values = LABEL_VALUES.matcher(definition);
                if (values.matches()) {
                    queries.add(new PanelQuery(name, 0, "variable " + variable.path("name").asText(), "values",
                            "group by (" + values.group(2) + ") (" + values.group(1) + ")"));
                } else {
                    problems.add(name + " variable " + variable.path("name").asText()
                            + ": query must be label_values(SELECTOR, LABEL), is '" + definition + "'");
                }
            }
            datasourceVariable |= "datasource".equals(variable.path("name").asText())
                    && "datasource".equals(variable.path("type").asText())
                    && "prometheus".equals(variable.path("query").asText());
        }
        if (!datasourceVariable) {
            problems.add(name + ": no templating variable 'datasource' of type datasource (prometheus)");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            int id = panel.path("id").asInt(-1);
            String where = name + " panel " + id;
            if (!ids.add(id)) {
                problems.add(where + ": id missing or not unique");
            }
            if (!PANEL_TYPES.contains(panel.path("type").asText())) {
                problems.add(where + ": type '" + panel.path("type").asText() + "' is not a core panel type " + PANEL_TYPES);
            }
            if (panel.path("title").asText().isBlank()) {
                problems.add(where + ": title missing");
            }
            for (String g : List.of("x", "y", "w", "h")) {
                if (!panel.path("gridPos").path(g).isInt()) {
                    problems.add(where + ": gridPos." + g + " missing");
                }
            }
            checkDatasource(where, panel.path("datasource"), problems);
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                String refId = target.path("refId").asText();
                if (refId.isEmpty() || !refIds.add(refId)) {
                    problems.add(where + ": refId '" + refId + "' missing or not unique");
                }
                checkDatasource(where + " " + refId, target.path("datasource"), problems);
                String expr = target.path("expr").asText();
                if (expr.isBlank()) {
                    problems.add(where + " " + refId + ": expr missing");
                } else {
                    Matcher range = RANGE.matcher(expr);
                    while (range.find()) {
                        if (!range.group(1).equals("$__rate_interval")) {
                            problems.add(where + " " + refId + ": range [" + range.group(1)
                                    + "] must be [$__rate_interval] (Grafana sizes it to the scrape interval)");
                        }
                    }
                }
                queries.add(new PanelQuery(name, id, panel.path("title").asText(), refId, expr));
            }
            if (!"row".equals(panel.path("type").asText()) && panel.path("targets").isEmpty()) {
                problems.add(where + ": no targets");
            }
        }
    }

    private static void checkDatasource(String where, JsonNode datasource, List<String> problems) {
        if (!"${datasource}".equals(datasource.path("uid").asText()) || !"prometheus".equals(datasource.path("type").asText())) {
            problems.add(where + ": datasource must be {type: prometheus, uid: ${datasource}}, is " + datasource);
        }
    }
}
