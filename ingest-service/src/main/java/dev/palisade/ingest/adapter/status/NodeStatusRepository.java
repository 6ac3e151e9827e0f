package dev.palisade.ingest.adapter.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.RuleCounter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code node_status} table: the latest report of each node's dataplane driver. */
@ApplicationScoped
public class NodeStatusRepository {

    /*
     * A consumer restart re-reads reports already stored; the time guard keeps such an older report from
     * overwriting a newer one. A driver resends its last report, time unchanged, with newer counters.
     */
    private static final String UPSERT = """
            INSERT INTO node_status (node, enforced_revision, attempted_revision, last_apply, apply_millis,
                                     rules, sets, set_elements, last_error, rule_counters, counters_read_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11)
            ON CONFLICT (node) DO UPDATE SET
                enforced_revision = EXCLUDED.enforced_revision, attempted_revision = EXCLUDED.attempted_revision,
                last_apply = EXCLUDED.last_apply, apply_millis = EXCLUDED.apply_millis, rules = EXCLUDED.rules,
                sets = EXCLUDED.sets, set_elements = EXCLUDED.set_elements, last_error = EXCLUDED.last_error,
                rule_counters = EXCLUDED.rule_counters, counters_read_at = EXCLUDED.counters_read_at
            WHERE node_status.last_apply < EXCLUDED.last_apply
               OR node_status.last_apply = EXCLUDED.last_apply AND coalesce(node_status.counters_read_at, '-infinity')
                  <= coalesce(EXCLUDED.counters_read_at, '-infinity')
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public NodeStatusRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> upsert(DataplaneStatus status) {
        Tuple row = Tuple.tuple()
                .addString(status.node())
                .addLong(status.enforcedRevision())
                .addLong(status.attemptedRevision())
                .addOffsetDateTime(Instant.ofEpochMilli(status.reportedAtMillis()).atOffset(ZoneOffset.UTC))
                .addLong(status.applyMillis())
                .addInteger(status.rules())
                .addInteger(status.sets())
                .addInteger(status.setElements())
                .addString(status.lastError())
                .addString(countersJson(status))
                .addOffsetDateTime(status.countersReadAtMillis() == 0 ? null
                        : Instant.ofEpochMilli(status.countersReadAtMillis()).atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(UPSERT).execute(row).replaceWithVoid();
    }

    private static String countersJson(DataplaneStatus status) {
        try {
            return JSON.writeValueAsString(status.ruleCounters());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule counters of " + status.node() + " do not serialise", e);
        }
    }

    /** Every node's status, by node name. */
    public Uni<List<NodeStatusRow>> all() {
        return pool.query("SELECT *, rule_counters::text AS counters FROM node_status ORDER BY node").execute().map(rows -> {
            List<NodeStatusRow> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(new NodeStatusRow(row.getString("node"), row.getLong("enforced_revision"),
                        row.getLong("attempted_revision"), row.getOffsetDateTime("last_apply"),
                        row.getLong("apply_millis"), row.getInteger("rules"), row.getInteger("sets"),
                        row.getInteger("set_elements"), row.getString("last_error"), readCounters(row.getString("counters")),
                        row.getOffsetDateTime("counters_read_at")));
            }
            return result;
        });
    }

    private static List<RuleCounter> readCounters(String json) {
        try {
            return List.of(JSON.readValue(json, RuleCounter[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node_status.rule_counters is not what this version writes", e);
        }
    }

    /** One row of {@code node_status}; {@code countersReadAt} null before the first table listing. */
    public record NodeStatusRow(String node, long enforcedRevision, long attemptedRevision, OffsetDateTime lastApply,
                                long applyMillis, int rules, int sets, int setElements, String lastError,
                                List<RuleCounter> ruleCounters, OffsetDateTime countersReadAt) {
    }
}
