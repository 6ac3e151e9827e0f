package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.resource.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/** calicoctl's {@code get -o ps|wide} tables (spec §7): per-kind columns, tab-writer layout. */
final class ResourceTable {

    private record Column(String heading, Function<JsonNode, String> value) {
    }

    private static final int MIN_WIDTH = 5;
    private static final int PADDING = 3;

    private ResourceTable() {
    }

    static String render(Kind kind, List<JsonNode> items, boolean wide, boolean withNamespace) {
        List<Column> columns = new ArrayList<>();
        if (withNamespace && kind.namespaced()) {
            columns.add(new Column("NAMESPACE", r -> r.path("metadata").path("namespace").asText()));
        }
        columns.addAll(columns(kind, wide));
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::heading).toList());
        List<JsonNode> sorted = new ArrayList<>(items);
        if (kind == Kind.TIER) {
            sorted.sort(java.util.Comparator.comparingDouble(r -> r.path("spec").path("order").asDouble(Double.MAX_VALUE)));
        }
        sorted.forEach(item -> rows.add(columns.stream().map(c -> c.value().apply(item)).toList()));
        return layout(rows);
    }

    private static List<Column> columns(Kind kind, boolean wide) {
        Column name = new Column("NAME", r -> r.path("metadata").path("name").asText());
        return switch (kind) {
            case HOST_ENDPOINT -> wide
                    ? List.of(name, spec("NODE", "node"), spec("INTERFACE", "interfaceName"),
                    new Column("IPS", r -> join(r.path("spec").path("expectedIPs"), ",")),
                    new Column("PROFILES", r -> join(r.path("spec").path("profiles"), ",")))
                    : List.of(name, spec("NODE", "node"));
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY -> wide
                    ? List.of(name, tier(), spec("ORDER", "order"), spec("SELECTOR", "selector"))
                    : List.of(name, tier());
            case PROFILE -> wide
                    ? List.of(name, new Column("LABELS", r -> labels(r.path("spec").path("labelsToApply"))))
                    : List.of(name);
            case GLOBAL_NETWORK_SET, NETWORK_SET -> wide
                    ? List.of(name, new Column("NETS", r -> truncate(join(r.path("spec").path("nets"), ","), 80)))
                    : List.of(name);
            case STAGED_GLOBAL_NETWORK_POLICY, STAGED_NETWORK_POLICY -> wide
                    ? List.of(name, stagedAction(), tier(), spec("ORDER", "order"), spec("SELECTOR", "selector"))
                    : List.of(name, stagedAction(), tier());
            case LOCKOUT_GUARD -> List.of(name, new Column("FLOWS", r -> {
                List<String> flows = new ArrayList<>();
                r.path("spec").path("protectedFlows").forEach(f -> flows.add(f.path("name").asText()));
                return String.join(",", flows);
            }));
            case TIER -> List.of(name, spec("ORDER", "order"));
            case NODE -> wide
                    ? List.of(name, new Column("ASN", r -> r.path("spec").path("bgp").path("asNumber").asText()),
                    new Column("IPV4", r -> r.path("spec").path("bgp").path("ipv4Address").asText()),
                    new Column("IPV6", r -> r.path("spec").path("bgp").path("ipv6Address").asText()),
                    new Column("ADDRESSES", r -> addresses(r.path("spec").path("addresses"))))
                    : List.of(name);
            default -> List.of(name);
        };
    }

    private static Column stagedAction() {
        return new Column("ACTION", r -> r.path("spec").path("stagedAction").asText("Set"));
    }

    private static Column spec(String heading, String field) {
        return new Column(heading, r -> {
            JsonNode value = r.path("spec").path(field);
            if (value.isMissingNode() || value.isNull()) {
                return "";
            }
            return value.isNumber() ? goNumber(value.asDouble()) : value.asText();
        });
    }

    /** Go's {@code %v} of a float64, as calicoctl prints an order: 10, not 10.0. */
    private static String goNumber(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : Double.toString(number);
    }

    private static Column tier() {
        return new Column("TIER", r -> r.path("spec").path("tier").asText("default"));
    }

    /** Each distinct address once, in the order the node reports them. */
    private static String addresses(JsonNode list) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        list.forEach(a -> seen.add(a.path("address").asText()));
        return String.join(",", seen);
    }

    private static String join(JsonNode array, String separator) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(separator, parts);
    }

    private static String labels(JsonNode map) {
        List<String> parts = new ArrayList<>();
        map.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", parts);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** Go's tabwriter with minwidth 5, padding 3, spaces: every column but the last padded. */
    static String layout(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], Math.max(MIN_WIDTH, row.get(c).length() + PADDING));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                line.append(c == columns - 1 ? cell : cell + " ".repeat(widths[c] - cell.length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
