package dev.palisade.testkit;

/** Gives tests a {@link Postgres} parameter, one shared instance per JVM. */
public final class PostgresExtension extends SharedServerExtension<Postgres> {

    public PostgresExtension() {
        super(Postgres.class, Postgres::start);
    }
}
