package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's and calicoctl's {@code -o custom-columns=NAME:.metadata.name,NODE:.spec.node}: a heading and a
 * simple path per column ({@code .a.b}, {@code .a[0]}, {@code \.} for a dot inside a key such as a label
 * name). A missing value prints {@code <none>}; a list or mapping prints as compact JSON.
 */
final class CustomColumns {

    static final String PREFIX = "custom-columns=";

    private record Column(String heading, List<Object> steps) {
    }

    private final List<Column> columns;

    private CustomColumns(List<Column> columns) {
        this.columns = columns;
    }

    /** The part after {@code custom-columns=}; a malformed column is named in the exception. */
    static CustomColumns parse(String spec) {
        List<Column> columns = new ArrayList<>();
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("custom column \"" + part + "\" must be HEADING:.path");
            }
            columns.add(new Column(part.substring(0, colon), steps(part.substring(colon + 1))));
        }
        return new CustomColumns(columns);
    }

    String render(List<JsonNode> items) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::heading).toList());
        for (JsonNode item : items) {
            rows.add(columns.stream().map(c -> value(item, c.steps())).toList());
        }
        return ResourceTable.layout(rows);
    }

    private static String value(JsonNode item, List<Object> steps) {
        JsonNode node = item;
        for (Object step : steps) {
            node = step instanceof Integer i ? node.path(i) : node.path((String) step);
        }
        if (node.isMissingNode() || node.isNull()) {
            return "<none>";
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }

    private static List<Object> steps(String path) {
        String p = path.startsWith("{") && path.endsWith("}") ? path.substring(1, path.length() - 1) : path;
        if (!p.startsWith(".")) {
            throw new IllegalArgumentException("custom column path \"" + path + "\" must start with '.'");
        }
        List<Object> steps = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                key.append(p.charAt(++i));
            } else if (c == '.' || c == '[') {
                flush(key, steps);
                if (c == '[') {
                    int close = p.indexOf(']', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("custom column path \"" + path + "\": missing ']'");
                    }
                    steps.add(Integer.parseInt(p.substring(i + 1, close)));
                    i = close;
                }
            } else {
                key.append(c);
            }
        }
        flush(key, steps);
        return steps;
    }

    private static void flush(StringBuilder key, List<Object> steps) {
        if (!key.isEmpty()) {
            steps.add(key.toString());
            key.setLength(0);
        }
    }
}
