package dev.palisade.ingest.adapter.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.adapter.rest.Representation;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.model.codec.ResourceCodec;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /audit?kind=&name=&since=&limit=}: accepted changes, newest first. */
@Path("/audit")
public class AuditApi {

    private static final int MAX_LIMIT = 1000;

    private final AuditRepository repository;
    private final ObjectMapper json;
    private final Representation representation;

    public AuditApi(AuditRepository repository, ResourceCodec codec, Representation representation) {
        this.repository = repository;
        this.json = codec.jsonMapper();
        this.representation = representation;
    }

    @GET
    @WithSession
    public Uni<Response> search(@QueryParam("kind") String kind, @QueryParam("name") String name,
                                @QueryParam("since") String since, @QueryParam("limit") Integer limit,
                                @Context HttpHeaders headers) {
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw new InvalidResourceException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return repository.search(kind, name, parseSince(since), max).map(records -> representation.ok(headers, page(records)));
    }

    private ObjectNode page(List<AuditRecord> records) {
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (AuditRecord r : records) {
            ObjectNode item = items.addObject();
            item.put("revision", r.revision());
            item.put("time", r.at().toInstant().toString());
            item.put("actor", r.actor());
            item.put("operation", r.operation());
            item.put("kind", r.kind());
            item.put("namespace", r.namespace());
            item.put("name", r.name());
            item.set("before", tree(r.before()));
            item.set("after", tree(r.after()));
            if (r.forced() != null) {
                item.put("forced", true);
                item.set("cutFlows", tree(r.forced()));
            }
        }
        return page;
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return text == null ? json.nullNode() : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime parseSince(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidResourceException("since", "expected an RFC 3339 time such as 2026-01-31T12:00:00Z, got \""
                    + since + "\"");
        }
    }
}
