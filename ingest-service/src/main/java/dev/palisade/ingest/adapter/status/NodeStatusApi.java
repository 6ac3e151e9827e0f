package dev.palisade.ingest.adapter.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.adapter.rest.Representation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /status/nodes}: the revision each node enforces, from its driver's latest report, and the hits
 * its kernel counted per policy rule ({@code ruleCounters}, what {@code palisade get counters} shows).
 */
@Path("/status/nodes")
public class NodeStatusApi {

    private final NodeStatusRepository repository;
    private final Representation representation;

    public NodeStatusApi(NodeStatusRepository repository, Representation representation) {
        this.repository = repository;
        this.representation = representation;
    }

    @GET
    public Uni<Response> list(@Context HttpHeaders headers) {
        return repository.all().map(rows -> representation.ok(headers, page(rows)));
    }

    private ObjectNode page(List<NodeStatusRepository.NodeStatusRow> rows) {
        ObjectNode page = representation.json().createObjectNode();
        ArrayNode items = page.putArray("items");
        for (NodeStatusRepository.NodeStatusRow row : rows) {
            ObjectNode item = items.addObject();
            item.put("node", row.node());
            item.put("enforcedRevision", row.enforcedRevision());
            item.put("attemptedRevision", row.attemptedRevision());
            item.put("lastApply", row.lastApply().toInstant().toString());
            item.put("applyMillis", row.applyMillis());
            item.put("rules", row.rules());
            item.put("sets", row.sets());
            item.put("setElements", row.setElements());
            item.put("lastError", row.lastError());
            item.set("ruleCounters", representation.json().valueToTree(row.ruleCounters()));
            item.put("countersReadAt", row.countersReadAt() == null ? null : row.countersReadAt().toInstant().toString());
        }
        return page;
    }
}
