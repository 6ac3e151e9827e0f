package dev.palisade.ingest.adapter.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palisade.ingest.adapter.etcd.AuditOutbox;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditLog;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes audit rows to PostgreSQL. Each write's note was committed in etcd with the write ({@link AuditOutbox}), so
 * a row PostgreSQL does not take now is not lost: the note stays, and every second the notes older than
 * {@link #GRACE} are turned into rows, until the database takes them. A kill -9 of this process, a PostgreSQL
 * outage, or both at once lose nothing. Every replica drains; a row is inserted only where it is missing, and a
 * unique index keeps one row per write.
 */
@Startup
@ApplicationScoped
public class PostgresAuditLog implements AuditLog {

    private static final Logger LOG = Logger.getLogger(PostgresAuditLog.class);
    /** How long the write's own request has to record its row before the drain takes the note over. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private final AuditRepository repository;
    private final ResourceCodec codec;
    private final AuditOutbox outbox;
    private final Counter failures;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("palisade-audit-drain").factory());

    public PostgresAuditLog(AuditRepository repository, ResourceCodec codec, AuditOutbox outbox, MeterRegistry registry) {
        this.repository = repository;
        this.codec = codec;
        this.outbox = outbox;
        this.failures = registry.counter("palisade_audit_failures_total");
        registry.gauge("palisade_audit_pending", waiting);
        drain.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void record(AuditEntry entry) {
        try {
            insertUnlessPresent(entry);
            outbox.remove(entry.note().id());
        } catch (Throwable e) {
            failures.increment();
            LOG.warnf("audit of revision %d (%s) not recorded yet; its note stays in etcd and is retried: %s",
                    entry.revision(), entry.key(), e.getMessage());
        }
    }

    /** Oldest first; stops at the first failure, so a database still down costs one attempt a second. */
    private void drain() {
        try {
            List<AuditEntry> notes = outbox.waiting(BATCH);
            waiting.set(notes.size());
            Instant due = Instant.now().minus(GRACE);
            for (AuditEntry entry : notes) {
                if (entry.note().time().isAfter(due)) {
                    continue;
                }
                insertUnlessPresent(entry);
                outbox.remove(entry.note().id());
                LOG.infof("audit of revision %d (%s) is recorded; its note leaves etcd", entry.revision(), entry.key());
            }
        } catch (Throwable e) {
            LOG.debugf("audit notes wait for the next attempt: %s", e.getMessage());
        }
    }

    /**
     * A failed attempt may still have committed (the connection died after COMMIT), and another replica may drain
     * the same note: a row that is there is not added twice. Should two inserts race, the unique index refuses
     * the second, and the row is there.
     */
    private void insertUnlessPresent(AuditEntry entry) throws Throwable {
        AuditRecord record = row(entry);
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> present(record)
                    .flatMap(present -> present ? Uni.createFrom().voidItem()
                            : repository.persist(record).replaceWithVoid())));
        } catch (Throwable e) {
            if (!VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> present(record)))) {
                throw e;
            }
        }
    }

    private Uni<Boolean> present(AuditRecord record) {
        return repository.count("revision = ?1 and kind = ?2 and name = ?3", record.revision(), record.kind(),
                record.name()).map(n -> n > 0);
    }

    private AuditRecord row(AuditEntry entry) {
        return new AuditRecord(entry.revision(), entry.note().time().atOffset(ZoneOffset.UTC), entry.note().actor(),
                entry.note().operation().name(), entry.key().kind().kindName(), entry.key().namespace(),
                entry.key().name(), json(entry.before()), json(entry.after()), forced(entry));
    }

    @PreDestroy
    void stop() {
        drain.shutdownNow();
    }

    private String forced(AuditEntry entry) {
        if (entry.note().forced().isEmpty()) {
            return null;
        }
        try {
            return codec.jsonMapper().writeValueAsString(entry.note().forced());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private String json(Resource resource) {
        return resource == null ? null : codec.toJson(resource);
    }
}
