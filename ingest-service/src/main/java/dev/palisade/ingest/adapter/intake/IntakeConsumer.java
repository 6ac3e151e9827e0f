package dev.palisade.ingest.adapter.intake;

import dev.palisade.ingest.adapter.etcd.EtcdUnavailableException;
import dev.palisade.ingest.core.intake.IntakeProcessor;
import dev.palisade.ingest.core.intake.RejectedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes CloudEvents from {@code palisade.ingest}, one at a time in order. A rejected event is nacked,
 * which the channel's dead-letter strategy turns into a copy on {@code palisade.ingest.dlq} (original value
 * and headers, plus {@code dead-letter-reason}); the offset then moves on. etcd being unreachable is not the
 * event's fault: that is retried until it succeeds.
 */
// created at start, so that its counters are on /q/metrics (at 0) before the first record
@Startup
@ApplicationScoped
public class IntakeConsumer {

    private static final Logger LOG = Logger.getLogger(IntakeConsumer.class);
    private static final long RETRY_MILLIS = 1000;

    private final IntakeProcessor processor;
    private final Counter deadLettered;

    public IntakeConsumer(IntakeProcessor processor, MeterRegistry registry) {
        this.processor = processor;
        this.deadLettered = registry.counter("palisade_ingest_dead_letters_total");
    }

    @Incoming("intake")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Map<String, String> headers = headers(message);
        while (true) {
            try {
                processor.process(headers, message.getPayload());
                return message.ack();
            } catch (RejectedEventException e) {
                deadLettered.increment();
                LOG.warnf("event to dead-letter topic: %s", e.getMessage());
                return message.nack(e);
            } catch (EtcdUnavailableException e) {
                LOG.warnf("etcd unavailable while applying an event; retrying: %s", e.getMessage());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return message.nack(e);
                }
            }
        }
    }

    private static Map<String, String> headers(Message<byte[]> message) {
        Map<String, String> headers = new HashMap<>();
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(meta -> {
            for (Header header : meta.getHeaders()) {
                if (header.value() != null) {
                    headers.put(header.key().toLowerCase(Locale.ROOT), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        });
        return headers;
    }
}
