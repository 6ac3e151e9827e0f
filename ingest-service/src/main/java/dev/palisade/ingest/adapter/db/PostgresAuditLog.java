package dev.palisade.ingest.adapter.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditLog;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes audit entries to PostgreSQL, waiting for the insert. The write itself is already committed in etcd, so a
 * failed insert is never the client's error: the entry waits in memory and is retried every second, in order,
 * until PostgreSQL takes it (a restart of the database loses nothing). Only a crash of this process while entries
 * wait, or more than {@link #MAX_PENDING} waiting, loses them; each loss is logged and counted.
 */
@ApplicationScoped
public class PostgresAuditLog implements AuditLog {

    private static final Logger LOG = Logger.getLogger(PostgresAuditLog.class);
    static final int MAX_PENDING = 100_000;

    private final AuditRepository repository;
    private final ResourceCodec codec;
    private final Counter failures;
    private final Counter lost;
    private final Deque<AuditRecord> pending = new ArrayDeque<>();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("palisade-audit-retry").factory());

    public PostgresAuditLog(AuditRepository repository, ResourceCodec codec, MeterRegistry registry) {
        this.repository = repository;
        this.codec = codec;
        this.failures = registry.counter("palisade_audit_failures_total");
        this.lost = registry.counter("palisade_audit_lost_total");
        registry.gauge("palisade_audit_pending", pending, q -> pendingCount());
        retry.scheduleWithFixedDelay(this::retryPending, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void record(AuditEntry entry) {
        AuditRecord record = new AuditRecord(entry.revision(), entry.time().atOffset(ZoneOffset.UTC), entry.actor(),
                entry.operation().name(), entry.key().kind().kindName(), entry.key().namespace(), entry.key().name(),
                json(entry.before()), json(entry.after()), forced(entry));
        try {
            insert(record);
        } catch (Throwable e) {
            failures.increment();
            LOG.warnf("audit of revision %d (%s) not recorded yet, retrying every second: %s", entry.revision(),
                    entry.key(), e.getMessage());
            queue(record);
        }
    }

    private void insert(AuditRecord record) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.persist(record)));
    }

    /** A failed attempt may still have committed (the connection died after COMMIT): a retry must not add it twice. */
    private void insertUnlessPresent(AuditRecord record) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository
                .count("revision = ?1 and kind = ?2 and name = ?3 and operation = ?4", record.revision(),
                        record.kind(), record.name(), record.operation())
                .flatMap(present -> present > 0 ? Uni.createFrom().voidItem()
                        : repository.persist(record).replaceWithVoid())));
    }

    private void queue(AuditRecord record) {
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING) {
                AuditRecord dropped = pending.removeFirst();
                lost.increment();
                LOG.errorf("audit of revision %d (%s %s) lost: more than %d entries wait for PostgreSQL",
                        dropped.revision(), dropped.kind(), dropped.name(), MAX_PENDING);
            }
            pending.addLast(record);
        }
    }

    private int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Oldest first; stops at the first failure, so a database still down costs one attempt a second. */
    private void retryPending() {
        while (true) {
            AuditRecord next;
            synchronized (pending) {
                next = pending.peekFirst();
            }
            if (next == null) {
                return;
            }
            try {
                insertUnlessPresent(next.copy());
            } catch (Throwable e) {
                return;
            }
            synchronized (pending) {
                pending.pollFirst();
            }
            LOG.infof("audit of revision %d (%s %s) recorded after a retry", next.revision(), next.kind(), next.name());
        }
    }

    @PreDestroy
    void stop() {
        retry.shutdownNow();
        int left = pendingCount();
        if (left > 0) {
            lost.increment(left);
            LOG.errorf("%d audit entries lost: PostgreSQL did not take them before shutdown", left);
        }
    }

    private String forced(AuditEntry entry) {
        if (entry.forced().isEmpty()) {
            return null;
        }
        try {
            return codec.jsonMapper().writeValueAsString(entry.forced());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private String json(Resource resource) {
        return resource == null ? null : codec.toJson(resource);
    }
}
