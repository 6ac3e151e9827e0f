package dev.palisade.ingest.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.adapter.status.NodeStatusRepository;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.insight.InsightService;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.semantics.InvalidPacketException;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.PacketFields;
import dev.palisade.model.semantics.Preview;
import dev.palisade.model.semantics.Probe;
import dev.palisade.model.semantics.VerdictChange;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Palisade's own API group: its kinds (LockoutGuard) with the same CRUD shape as Calico's, and the questions
 * Calico has no verb for — preview staged policies, explain a packet on a node — plus promotion. Preview
 * and explain are read-only (viewer tokens may call them); promotion writes through the lockout guard.
 */
@Path("/apis/" + Resource.PALISADE_API_VERSION)
public class PalisadeApi extends ResourceApi {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final InsightService insight;
    private final ResourceCodec codec;
    private final Representation representation;
    private final NodeStatusRepository nodeStatus;

    public PalisadeApi(ResourceService service, ResourceCodec codec, Representation representation,
                       LabelSelectors selectors, InsightService insight, NodeStatusRepository nodeStatus) {
        super(service, codec, representation, selectors, Resource.PALISADE_API_VERSION);
        this.insight = insight;
        this.codec = codec;
        this.representation = representation;
        this.nodeStatus = nodeStatus;
    }

    /**
     * Body: {@code {"policies": "<staged policy manifests>", "staged": [{"kind", "namespace", "name"}],
     * "flows": ["node=…,in=…,…" or {"node": …}]}}, every part optional.
     */
    @POST
    @Path("preview")
    @Consumes("*/*")
    public Response preview(String body, @Context HttpHeaders headers) {
        JsonNode request = parse(body);
        List<Resource> given = new ArrayList<>();
        if (request.hasNonNull("policies")) {
            for (Decoded decoded : codec.decodeAll(request.get("policies").asText())) {
                switch (decoded) {
                    case Decoded.Ok ok -> given.add(ok.resource());
                    case Decoded.Failed failed -> throw new InvalidResourceException(failed.errors().stream()
                            .map(e -> new FieldError("policies[" + failed.index() + "]"
                                    + (e.path().isEmpty() ? "" : "." + e.path()), e.message())).toList());
                }
            }
        }
        List<ResourceKey> stored = new ArrayList<>();
        for (JsonNode ref : request.path("staged")) {
            String kindName = ref.path("kind").asText("");
            Kind kind = Kind.lookup(kindName).orElseThrow(() -> new InvalidResourceException("staged[" + stored.size()
                    + "].kind", "unknown kind \"" + kindName + "\""));
            stored.add(new ResourceKey(kind, kind.namespaced() ? ref.path("namespace").asText("default") : null,
                    ref.path("name").asText()));
        }
        List<Probe> flows = new ArrayList<>();
        int i = 0;
        for (JsonNode flow : request.path("flows")) {
            flows.add(new Probe("flows[" + i + "]", packet(flow, "flows[" + i + "]")));
            i++;
        }
        return representation.ok(headers, report(insight.preview(given, stored, flows)));
    }

    @POST
    @Path("promote/{plural}/{name}")
    public Response promote(@PathParam("plural") String plural, @PathParam("name") String name,
                            @QueryParam("force") boolean force, @Context HttpHeaders headers,
                            @Context ContainerRequestContext request) {
        return promoted(headers, new ResourceKey(stagedKind(plural, false), null, name), request, force);
    }

    @POST
    @Path("promote/namespaces/{ns}/{plural}/{name}")
    public Response promoteNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                      @PathParam("name") String name, @QueryParam("force") boolean force,
                                      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        return promoted(headers, new ResourceKey(stagedKind(plural, true), ns, name), request, force);
    }

    /**
     * {@code packet} in the {@code k=v,...} form of {@code palisade simulate}; {@code node} may also be given
     * on its own. The verdict is simulated on the resources as of the node's enforced revision.
     */
    @GET
    @Path("explain")
    public Response explain(@QueryParam("node") String node, @QueryParam("packet") String packetText,
                            @Context HttpHeaders headers) {
        if (packetText == null || packetText.isBlank()) {
            throw new InvalidResourceException("packet", "required (k=v,... as palisade simulate reads it)");
        }
        String fields = node == null || node.isBlank() || packetText.contains("node=")
                ? packetText : "node=" + node + "," + packetText;
        Packet packet;
        try {
            packet = PacketFields.parse(fields);
        } catch (InvalidPacketException e) {
            throw new InvalidResourceException(e.errors().stream()
                    .map(f -> new FieldError("packet." + f.path(), f.message())).toList());
        }
        Long enforced = nodeStatus.all().await().atMost(STATUS_TIMEOUT).stream()
                .filter(r -> r.node().equals(packet.node())).findFirst()
                .map(NodeStatusRepository.NodeStatusRow::enforcedRevision).orElse(null);
        InsightService.Explanation explanation;
        try {
            explanation = insight.explain(packet, enforced);
        } catch (InvalidPacketException e) {
            throw new InvalidResourceException(e.errors().stream()
                    .map(f -> new FieldError("packet." + f.path(), f.message())).toList());
        }
        ObjectNode out = representation.json().createObjectNode();
        out.put("kind", "Explanation");
        out.put("node", packet.node());
        out.put("packet", packet.fields());
        if (enforced != null) {
            out.put("enforcedRevision", enforced);
        }
        if (explanation.revision() != null) {
            out.put("simulatedAtRevision", explanation.revision());
        }
        if (explanation.note() != null) {
            out.put("note", explanation.note());
        }
        out.set("verdict", representation.json().valueToTree(explanation.verdict()));
        return representation.ok(headers, out);
    }

    private Response promoted(HttpHeaders headers, ResourceKey key, ContainerRequestContext request, boolean force) {
        return representation.ok(headers, representation.tree(insight.promote(key, actor(request), force)));
    }

    private static Kind stagedKind(String plural, boolean namespaced) {
        Kind kind = Kind.lookup(plural).filter(k -> k == Kind.STAGED_GLOBAL_NETWORK_POLICY
                        || k == Kind.STAGED_NETWORK_POLICY)
                .orElseThrow(() -> new NotFoundException("only staged policies are promoted, not \"" + plural + "\""));
        if (kind.namespaced() != namespaced) {
            throw new NotFoundException(kind.kindName() + (namespaced ? " is cluster-scoped" : " is namespaced"));
        }
        return kind;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return representation.json().createObjectNode();
        }
        try {
            JsonNode tree = representation.json().readTree(body);
            if (!tree.isObject()) {
                throw new InvalidResourceException("", "the preview request must be a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidResourceException("", "the preview request is not JSON: " + e.getMessage());
        }
    }

    private static Packet packet(JsonNode flow, String where) {
        try {
            if (flow.isTextual()) {
                return PacketFields.parse(flow.asText());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            flow.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return PacketFields.parse(fields);
        } catch (InvalidPacketException e) {
            throw new InvalidResourceException(e.errors().stream()
                    .map(f -> new FieldError(where + (f.path().isEmpty() ? "" : "." + f.path()), f.message())).toList());
        }
    }

    private ObjectNode report(Preview.Result result) {
        ObjectNode out = representation.json().createObjectNode();
        out.put("kind", "PreviewReport");
        out.put("probes", result.probes());
        ArrayNode selections = out.putArray("selections");
        for (Preview.Selection s : result.selections()) {
            ObjectNode item = selections.addObject();
            item.put("kind", s.kind());
            item.put("name", s.name());
            item.put("stagedAction", s.stagedAction());
            s.added().forEach(item.putArray("added")::add);
            s.removed().forEach(item.putArray("removed")::add);
        }
        ArrayNode changes = out.putArray("changes");
        for (VerdictChange c : result.changes()) {
            ObjectNode item = changes.addObject();
            item.put("flow", c.probe().flow());
            item.put("packet", c.probe().packet().fields());
            item.put("before", c.before() == null ? "allow" : c.before().verdict().id());
            item.put("after", c.after().verdict().id());
            if (c.before() != null) {
                item.set("decidedBefore", representation.json().valueToTree(c.before().decidedBy()));
            }
            item.set("decidedAfter", representation.json().valueToTree(c.after().decidedBy()));
            item.put("description", c.describe());
        }
        return out;
    }
}
