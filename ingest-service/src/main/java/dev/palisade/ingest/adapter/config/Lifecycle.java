package dev.palisade.ingest.adapter.config;

import dev.palisade.ingest.adapter.db.SchemaMigrations;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.publish.Publisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Start order: schema, built-in resources, then publication (which also publishes the built-ins). */
@ApplicationScoped
public class Lifecycle {

    private final SchemaMigrations migrations;
    private final ResourceService service;
    private final Publisher publisher;
    private final MeterRegistry registry;

    public Lifecycle(SchemaMigrations migrations, ResourceService service, Publisher publisher, MeterRegistry registry) {
        this.migrations = migrations;
        this.service = service;
        this.publisher = publisher;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        migrations.migrate();
        service.seedDefaults("system:ingest-service");
        publisher.start();
        registry.gauge("palisade_publish_lag_revisions", publisher, Publisher::lag);
        registry.gauge("palisade_published_revision", publisher, Publisher::publishedRevision);
    }

    void stop(@Observes ShutdownEvent event) {
        publisher.close();
    }
}
