package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void postgresFromTheTestResourceAnswersSqlAndStopsByPid() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        Map<String, String> config = resource.start();
        long pid = resource.server().process().pid();
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions options = PgConnectOptions.fromUri(config.get("quarkus.datasource.reactive.url"))
                    .setUser(config.get("quarkus.datasource.username"))
                    .setPassword(config.get("quarkus.datasource.password"));
            SqlClient client = PgBuilder.client().connectingTo(options).using(vertx).build();
            RowSet<Row> rows = client.query("CREATE TABLE t (x int)").execute()
                    .compose(ignored -> client.query("INSERT INTO t VALUES (41), (1)").execute())
                    .compose(ignored -> client.query("SELECT sum(x) AS total FROM t").execute())
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(rows.iterator().next().getLong("total")).isEqualTo(42L);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            resource.stop();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
