package dev.palisade.ingest.adapter.status;

import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneFormatException;
import dev.palisade.model.dataplane.DataplaneStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Keeps {@code node_status} up to date from the drivers' reports on {@code palisade.status}. A report that
 * cannot be read is logged, counted and skipped (the driver sends a fresh one after its next apply); while
 * PostgreSQL is unreachable the report is retried, holding the ones behind it, so none is skipped silently.
 */
// created at start, so that its counters are on /q/metrics (at 0) before the first record
@Startup
@ApplicationScoped
public class StatusConsumer {

    private static final Logger LOG = Logger.getLogger(StatusConsumer.class);

    private final NodeStatusRepository repository;
    private final DataplaneCodec codec = new DataplaneCodec();
    private final Counter unreadable;
    private final Counter stored;
    private final EnforcementMetrics enforcement;

    public StatusConsumer(NodeStatusRepository repository, MeterRegistry registry, EnforcementMetrics enforcement) {
        this.repository = repository;
        this.enforcement = enforcement;
        this.unreadable = registry.counter("palisade_status_reports_unreadable_total");
        this.stored = registry.counter("palisade_status_reports_stored_total");
    }

    @Incoming("status")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        DataplaneStatus status;
        try {
            if (record.value() == null) {
                throw new DataplaneFormatException("empty value");
            }
            status = codec.decodeStatus(record.value());
            if (status.node() == null || status.node().isBlank()) {
                throw new DataplaneFormatException("node: missing");
            }
        } catch (DataplaneFormatException e) {
            unreadable.increment();
            LOG.warnf("skipping unreadable status report %s at %s-%d@%d: %s", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        enforcement.reported(status);
        return repository.upsert(status)
                .onFailure().invoke(e -> LOG.warnf("status of node %s not stored yet, retrying: %s", status.node(), e))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> stored.increment());
    }
}
