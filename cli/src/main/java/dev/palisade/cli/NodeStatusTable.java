package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** {@code palisade get status}: one line per node from ingest-service's {@code GET /status/nodes}. */
final class NodeStatusTable {

    /** The word after {@code get} that asks for node status instead of a resource kind. */
    static final String WORD = "status";
    static final String PATH = "/status/nodes";

    private static final int MAX_ERROR = 80;

    private NodeStatusTable() {
    }

    /**
     * The datastore revision, then one row per reporting node with how many revisions it trails (a node a
     * change does not reach may trail without missing anything), then nodes that exist but never reported.
     */
    static String render(long datastoreRevision, List<JsonNode> nodes, List<String> neverReported, boolean wide) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(wide
                ? List.of("NODE", "ENFORCED REVISION", "BEHIND", "ATTEMPTED REVISION", "LAST APPLY", "APPLY TIME",
                "RULES", "SETS", "ERROR")
                : List.of("NODE", "ENFORCED REVISION", "BEHIND", "LAST APPLY", "ERROR"));
        for (JsonNode node : nodes) {
            String enforced = revision(node.path("enforcedRevision"));
            String behind = behind(datastoreRevision, node.path("enforcedRevision").asLong(-1));
            String error = node.path("lastError").isTextual() ? oneLine(node.path("lastError").asText()) : "";
            rows.add(wide
                    ? List.of(node.path("node").asText(), enforced, behind, revision(node.path("attemptedRevision")),
                    node.path("lastApply").asText(), node.path("applyMillis").asLong() + "ms",
                    node.path("rules").asText(), node.path("sets").asText(), error)
                    : List.of(node.path("node").asText(), enforced, behind, node.path("lastApply").asText(), error));
        }
        for (String name : neverReported) {
            List<String> row = new ArrayList<>(List.of(name, "never reported"));
            while (row.size() < rows.getFirst().size()) {
                row.add("");
            }
            rows.add(row);
        }
        String head = datastoreRevision < 0 ? "" : "DATASTORE REVISION: " + datastoreRevision + "\n";
        return head + ResourceTable.layout(rows);
    }

    static String behind(long datastoreRevision, long enforced) {
        return datastoreRevision < 0 || enforced < 0 ? "" : Long.toString(Math.max(0, datastoreRevision - enforced));
    }

    /** A driver reports -1 until its first transaction commits. */
    private static String revision(JsonNode value) {
        return value.asLong(-1) < 0 ? "none" : value.asText();
    }

    private static String oneLine(String error) {
        String line = error.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR - 3) + "...";
    }
}
