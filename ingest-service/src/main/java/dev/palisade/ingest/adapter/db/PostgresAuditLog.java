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
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes audit rows to PostgreSQL. Each write's note was committed in etcd with the write ({@link AuditOutbox}), so
 * a row PostgreSQL does not take now is not lost: the note stays, and every second the notes older than
 * {@link #GRACE} are turned into rows, oldest first, until the database takes them. A kill -9 of this process, a
 * PostgreSQL outage, or both at once lose nothing. Every replica drains; a unique index on the note keeps one row
 * per write, whoever inserts it first.
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
    private final Counter incomplete;
    private final AtomicLong waiting = new AtomicLong();
    private final ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("palisade-audit-drain").factory());

    public PostgresAuditLog(AuditRepository repository, ResourceCodec codec, AuditOutbox outbox, MeterRegistry registry) {
        this.repository = repository;
        this.codec = codec;
        this.outbox = outbox;
        this.failures = registry.counter("palisade_audit_failures_total");
        this.incomplete = registry.counter("palisade_audit_incomplete_total");
        registry.gauge("palisade_audit_pending", waiting);
        drain.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void record(AuditEntry entry) {
        try {
            insertOnce(entry);
            outbox.remove(entry.note());
        } catch (Throwable e) {
            failures.increment();
            LOG.warnf("audit of revision %d (%s) not recorded yet; its note stays in etcd and is retried: %s",
                    entry.revision(), entry.key(), e.getMessage());
        }
    }

    /** Oldest first; stops at the first failure, so a database still down costs one attempt a second. */
    private void drain() {
        try {
            waiting.set(outbox.count());
            for (AuditOutbox.Waiting note : outbox.due(Instant.now().minus(GRACE), BATCH)) {
                AuditOutbox.Recovered recovered = outbox.recover(note);
                if (!recovered.complete()) {
                    incomplete.increment();
                    LOG.errorf("audit of revision %d (%s): etcd no longer keeps the states before and after it"
                            + " (compacted); recorded from its note without them", note.revision(), note.resourceKey());
                }
                insertOnce(recovered.entry());
                outbox.remove(note.note());
                LOG.infof("audit of revision %d (%s) is recorded; its note leaves etcd", note.revision(),
                        note.resourceKey());
            }
        } catch (Throwable e) {
            LOG.debugf("audit notes wait for the next attempt: %s", e.getMessage());
        }
    }

    /**
     * A failed attempt may still have committed (the connection died after COMMIT), and another replica may drain
     * the same note: the unique index refuses the second row, which means the row is there.
     */
    private void insertOnce(AuditEntry entry) throws Throwable {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.persist(row(entry))));
        } catch (Throwable e) {
            if (!duplicate(e)) {
                throw e;
            }
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("audit_log_one_row_per_note")) {
                return true;
            }
        }
        return false;
    }

    private AuditRecord row(AuditEntry entry) {
        return new AuditRecord(entry.revision(), entry.note().time().atOffset(ZoneOffset.UTC), entry.note().actor(),
                entry.note().operation().name(), entry.key().kind().kindName(), entry.key().namespace(),
                entry.key().name(), json(entry.before()), json(entry.after()), forced(entry), entry.note().id());
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
