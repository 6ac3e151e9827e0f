package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code palisade get counters [POLICY...] [--node NODE]}: the hits each node's kernel counted per policy rule,
 * from the {@code ruleCounters} of ingest-service's {@code GET /status/nodes} (as of each driver's last table
 * listing). A POLICY matches the policy's id ({@code gnp/web}) or its name ({@code web}).
 */
final class RuleCountersTable {

    /** The word after {@code get} that asks for rule counters instead of a resource kind. */
    static final String WORD = "counters";

    private RuleCountersTable() {
    }

    /** One item per (node, rule) of the selected policies and node, each a counter with its node. */
    static List<ObjectNode> items(JsonNode statusPage, List<String> policies, String node) {
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode status : statusPage.path("items")) {
            String name = status.path("node").asText();
            if (node != null && !node.equals(name)) {
                continue;
            }
            for (JsonNode counter : status.path("ruleCounters")) {
                String policy = counter.path("policy").asText();
                if (policies.isEmpty() || policies.stream().anyMatch(p -> p.equals(policy) || policy.endsWith("/" + p))) {
                    ObjectNode item = ((ObjectNode) counter).deepCopy();
                    item.put("node", name);
                    item.put("readAt", status.path("countersReadAt").asText(""));
                    items.add(item);
                }
            }
        }
        return items;
    }

    static String render(List<ObjectNode> items) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NODE", "TIER", "POLICY", "DIRECTION", "RULE", "ACTION", "PACKETS", "BYTES"));
        for (JsonNode c : items) {
            rows.add(List.of(c.path("node").asText(), c.path("tier").asText(), c.path("policy").asText(),
                    c.path("direction").asText(), c.path("rule").asText(), c.path("action").asText(),
                    c.path("packets").asText(), c.path("bytes").asText()));
        }
        return ResourceTable.layout(rows);
    }
}
