package dev.palisade.ingest.it;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import dev.palisade.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ingest-service → etcd over mutual TLS: etcd serves only TLS and only to clients whose certificate its CA
 * signed; the packaged service, given the CA, its certificate and key ({@code palisade.ingest.etcd.tls.*}),
 * writes and reads resources. A client without a certificate is turned away, so the test fails if TLS is off.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class EtcdTlsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theServiceWritesAndReadsThroughMutualTls(KafkaBroker kafka, Postgres postgres) throws Exception {
        TestPki pki = TestPki.create("ingest");
        try (Etcd etcd = Etcd.startWithTls(pki)) {
            assertThat(etcd.endpoint()).startsWith("https://");
            HttpClient noClientCertificate = HttpClient.newBuilder().sslContext(pki.trustingCa())
                    .connectTimeout(Duration.ofSeconds(2)).build();
            assertThatThrownBy(() -> noClientCertificate.send(HttpRequest.newBuilder(
                    URI.create(etcd.endpoint() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("etcd must refuse a client without a certificate").isInstanceOf(IOException.class);

            int httpPort = Ports.freeLoopbackPort();
            Map<String, String> settings = IngestProcess.settings(kafka.bootstrapServers(), etcd, postgres, httpPort);
            settings.put("palisade.ingest.etcd.tls.ca-file", pki.caCert().toString());
            settings.put("palisade.ingest.etcd.tls.cert-file", pki.clientCert().toString());
            settings.put("palisade.ingest.etcd.tls.key-file", pki.clientKey().toString());
            URI base = URI.create("http://127.0.0.1:" + httpPort);
            ServerProcess ingest = IngestProcess.start("ingest-etcd-tls", settings, HTTP, base);
            try {
                HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                                base.resolve("/apis/projectcalico.org/v3/globalnetworksets"))
                        .header("Authorization", "Bearer editor-token").header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                apiVersion: projectcalico.org/v3
                                kind: GlobalNetworkSet
                                metadata: {name: over-tls}
                                spec: {nets: [198.18.9.0/24]}
                                """)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(
                                base.resolve("/apis/projectcalico.org/v3/globalnetworksets/over-tls"))
                        .header("Authorization", "Bearer viewer-token").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(read.body()).contains("198.18.9.0/24");
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            } finally {
                ingest.stop();
            }
        }
    }
}
