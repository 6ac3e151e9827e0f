package dev.palisade.ingest.adapter.config;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ByteSequence;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Ready only while etcd answers a read (Kafka readiness comes from the messaging extension). */
@Readiness
@ApplicationScoped
public class EtcdHealth implements HealthCheck {

    private final Client etcd;

    public EtcdHealth(Client etcd) {
        this.etcd = etcd;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long revision = etcd.getKVClient().get(ByteSequence.from("/palisade/meta/health", StandardCharsets.UTF_8))
                    .get(2, TimeUnit.SECONDS).getHeader().getRevision();
            return HealthCheckResponse.named("etcd").up().withData("revision", revision).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("etcd").down().withData("error", String.valueOf(e)).build();
        }
    }
}
