package dev.palisade.testkit;

import java.util.Map;

/** A real PostgreSQL for {@code @WithTestResource}; sets the reactive datasource URL and credentials. */
public final class PostgresTestResource extends ServerTestResource<Postgres> {

    public PostgresTestResource() {
        super(Postgres::start, pg -> Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password()));
    }
}
