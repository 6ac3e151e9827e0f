package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.NodeReach;
import dev.palisade.model.semantics.World;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * {@code apply --wait}: the world before and after the change (every kind that shapes a node's state, as the
 * API lists it), the nodes the change reaches ({@link NodeReach}), then {@code GET /status/nodes} until each
 * of them reports enforcing the change's revision. A node the change does not reach has nothing new to apply
 * and never reports that revision, so it is not waited for.
 */
final class EnforcementWait {

    private static final List<Kind> STATE_KINDS = List.of(Kind.NODE, Kind.HOST_ENDPOINT, Kind.GLOBAL_NETWORK_POLICY,
            Kind.TIER, Kind.PROFILE, Kind.GLOBAL_NETWORK_SET, Kind.NETWORK_SET, Kind.FELIX_CONFIGURATION);
    private static final Duration POLL = Duration.ofMillis(250);

    private final ApiClient client;

    EnforcementWait(ApiClient client) {
        this.client = client;
    }

    /** Every stored resource of the kinds that shape a node's state, all namespaces. */
    World snapshot() throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (Kind kind : STATE_KINDS) {
            ApiClient.Reply reply = client.send("GET", ApiClient.path(kind, null, null), null, null);
            if (!reply.ok()) {
                throw new IOException("cannot list " + kind.plural() + ": " + reply.error());
            }
            for (JsonNode item : reply.json().path("items")) {
                ((ObjectNode) item).put("apiVersion", Resource.API_VERSION)
                        .put("kind", kind.kindName());
                resources.add(Manifests.codec().decode(item));
            }
        }
        return World.of(resources);
    }

    /**
     * Waits until every node of {@code reached} enforces {@code revision}; 0 when they do, 1 (with a message
     * naming each node behind and what it reports) when {@code timeout} passes first.
     */
    int await(SortedSet<String> reached, long revision, Duration timeout, PrintWriter out, PrintWriter err)
            throws IOException {
        if (reached.isEmpty()) {
            out.println("Revision " + revision + " changes no node's enforced state: nothing to wait for");
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> behind = behind(reached, revision);
            if (behind.isEmpty()) {
                out.println("Revision " + revision + " is enforced on " + reached.size() + " node(s): "
                        + String.join(", ", reached));
                return 0;
            }
            if (System.nanoTime() > deadline) {
                err.println("Timed out after " + timeout.toSeconds() + "s waiting for revision " + revision
                        + " to be enforced; nodes behind: " + String.join(", ", behind));
                return 1;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for enforcement", e);
            }
        }
    }

    /** The reached nodes not yet enforcing {@code revision}, each with what its driver last reported. */
    private List<String> behind(SortedSet<String> reached, long revision) throws IOException {
        ApiClient.Reply reply = client.send("GET", NodeStatusTable.PATH, null, null);
        if (!reply.ok()) {
            throw new IOException("cannot read node status: " + reply.error());
        }
        Map<String, JsonNode> statuses = new HashMap<>();
        reply.json().path("items").forEach(s -> statuses.put(s.path("node").asText(), s));
        List<String> behind = new ArrayList<>();
        for (String node : reached) {
            JsonNode s = statuses.get(node);
            if (s == null) {
                behind.add(node + " (never reported)");
                continue;
            }
            long enforced = s.path("enforcedRevision").asLong(-1);
            if (enforced < revision) {
                String error = s.path("lastError").isTextual() ? ", last error: " + s.path("lastError").asText()
                        .lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse("") : "";
                behind.add(node + " (enforces " + (enforced < 0 ? "nothing" : Long.toString(enforced)) + error + ")");
            }
        }
        return behind;
    }
}
