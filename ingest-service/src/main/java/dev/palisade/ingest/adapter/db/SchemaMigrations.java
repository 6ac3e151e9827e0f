package dev.palisade.ingest.adapter.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Brings the schema up to date with the numbered scripts {@code db/migration/V<n>__<what>.sql}, each run
 * once in its own transaction and recorded in {@code schema_version}; never drops anything. A lock makes
 * concurrent starts of several instances safe.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
    static final List<String> SCRIPTS = List.of("V1__audit_and_status.sql", "V2__node_status_details.sql",
            "V3__rule_counters.sql", "V4__audit_forced.sql", "V5__audit_one_row_per_write.sql");
    private static final long LOCK_ID = 0x50616c69L; // "Pali"

    private final Pool pool;

    public SchemaMigrations(Pool pool) {
        this.pool = pool;
    }

    public void migrate() {
        pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")").execute()
                        .chain(() -> conn.query("CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, "
                                + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
                        .chain(() -> conn.query("SELECT coalesce(max(version), 0) AS v FROM schema_version").execute())
                        .chain(rows -> {
                            int current = rows.iterator().next().getInteger("v");
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (int i = current; i < SCRIPTS.size(); i++) {
                                int version = i + 1;
                                String script = SCRIPTS.get(i);
                                chain = chain.chain(() -> conn.query(read(script)).execute())
                                        .chain(() -> conn.preparedQuery("INSERT INTO schema_version (version, script) VALUES ($1, $2)")
                                                .execute(Tuple.of(version, script)))
                                        .invoke(() -> LOG.infof("applied schema migration %s", script))
                                        .replaceWithVoid();
                            }
                            return chain;
                        }))
                .await().atMost(Duration.ofSeconds(60));
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
