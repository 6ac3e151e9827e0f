package dev.palisade.e2e.suite;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.Postgres;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The real servers under the suite, started side by side on loopback; closing stops all three by PID. */
public record Servers(Etcd etcd, KafkaBroker kafka, Postgres postgres) implements AutoCloseable {

    public static Servers start() {
        CompletableFuture<Etcd> etcd = CompletableFuture.supplyAsync(Etcd::start);
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(KafkaBroker::start);
        CompletableFuture<Postgres> postgres = CompletableFuture.supplyAsync(Postgres::start);
        try {
            return new Servers(etcd.join(), kafka.join(), postgres.join());
        } catch (CompletionException e) {
            // stop whichever did start before reporting the one that did not
            for (CompletableFuture<? extends AutoCloseable> started : java.util.List.of(etcd, kafka, postgres)) {
                started.thenAccept(Servers::closeQuietly);
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("palisade-e2e: stopping " + server + " failed: " + e);
        }
    }

    @Override
    public void close() {
        closeQuietly(postgres);
        closeQuietly(kafka);
        closeQuietly(etcd);
    }
}
