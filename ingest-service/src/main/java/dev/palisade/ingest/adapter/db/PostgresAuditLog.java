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
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;

/** Writes audit entries to PostgreSQL, waiting for the insert; failures are logged and counted, never thrown. */
@ApplicationScoped
public class PostgresAuditLog implements AuditLog {

    private static final Logger LOG = Logger.getLogger(PostgresAuditLog.class);

    private final AuditRepository repository;
    private final ResourceCodec codec;
    private final Counter failures;

    public PostgresAuditLog(AuditRepository repository, ResourceCodec codec, MeterRegistry registry) {
        this.repository = repository;
        this.codec = codec;
        this.failures = registry.counter("palisade_audit_failures_total");
    }

    @Override
    public void record(AuditEntry entry) {
        AuditRecord record = new AuditRecord(entry.revision(), entry.time().atOffset(ZoneOffset.UTC), entry.actor(),
                entry.operation().name(), entry.key().kind().kindName(), entry.key().namespace(), entry.key().name(),
                json(entry.before()), json(entry.after()), forced(entry));
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.persist(record)));
        } catch (Throwable e) {
            failures.increment();
            LOG.errorf(e, "audit of revision %d (%s) was not recorded", entry.revision(), entry.key());
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
