package dev.palisade.ingest.adapter.status;

import dev.palisade.model.dataplane.DataplaneStatus;
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
     * overwriting a newer one.
     */
    private static final String UPSERT = """
            INSERT INTO node_status (node, enforced_revision, attempted_revision, last_apply, apply_millis,
                                     rules, sets, set_elements, last_error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (node) DO UPDATE SET
                enforced_revision = EXCLUDED.enforced_revision, attempted_revision = EXCLUDED.attempted_revision,
                last_apply = EXCLUDED.last_apply, apply_millis = EXCLUDED.apply_millis, rules = EXCLUDED.rules,
                sets = EXCLUDED.sets, set_elements = EXCLUDED.set_elements, last_error = EXCLUDED.last_error
            WHERE node_status.last_apply <= EXCLUDED.last_apply
            """;

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
                .addString(status.lastError());
        return pool.preparedQuery(UPSERT).execute(row).replaceWithVoid();
    }

    /** Every node's status, by node name. */
    public Uni<List<NodeStatusRow>> all() {
        return pool.query("SELECT * FROM node_status ORDER BY node").execute().map(rows -> {
            List<NodeStatusRow> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(new NodeStatusRow(row.getString("node"), row.getLong("enforced_revision"),
                        row.getLong("attempted_revision"), row.getOffsetDateTime("last_apply"),
                        row.getLong("apply_millis"), row.getInteger("rules"), row.getInteger("sets"),
                        row.getInteger("set_elements"), row.getString("last_error")));
            }
            return result;
        });
    }

    /** One row of {@code node_status}. */
    public record NodeStatusRow(String node, long enforcedRevision, long attemptedRevision, OffsetDateTime lastApply,
                                long applyMillis, int rules, int sets, int setElements, String lastError) {
    }
}
