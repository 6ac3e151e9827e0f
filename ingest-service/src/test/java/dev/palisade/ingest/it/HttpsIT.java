package dev.palisade.ingest.it;

import dev.palisade.cli.PalisadeCli;
import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Ports;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import dev.palisade.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST API over HTTPS only, with a certificate and key from PEM files (made here with openssl, signed by a
 * CA of the test's own): the CLI given that CA with {@code --cacert} creates and reads a resource; without it,
 * it refuses the server and says how to trust it; the plain HTTP port is closed.
 */
@ExtendWith({KafkaBrokerExtension.class, EtcdExtension.class, PostgresExtension.class})
class HttpsIT {

    private record Run(int code, String out, String err) {
    }

    @Test
    void theCliTalksToTheApiOverHttpsTrustingTheGivenCa(KafkaBroker kafka, Etcd etcd, Postgres postgres,
                                                        @TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("unused");
        int httpPort = Ports.freeLoopbackPort();
        int httpsPort = Ports.freeLoopbackPort();
        Map<String, String> settings = IngestProcess.settings(kafka.bootstrapServers(), etcd, postgres, httpPort);
        settings.put("quarkus.http.ssl.certificate.files", pki.serverCert().toString());
        settings.put("quarkus.http.ssl.certificate.key-files", pki.serverKey().toString());
        settings.put("quarkus.http.ssl-port", Integer.toString(httpsPort));
        settings.put("quarkus.http.insecure-requests", "disabled");
        URI base = URI.create("https://127.0.0.1:" + httpsPort);
        HttpClient trusting = HttpClient.newBuilder().sslContext(pki.trustingCa())
                .connectTimeout(Duration.ofSeconds(2)).build();
        ServerProcess ingest = IngestProcess.start("ingest-https", settings, trusting, base);
        try {
            Path manifest = dir.resolve("set.yaml");
            Files.writeString(manifest, """
                    apiVersion: projectcalico.org/v3
                    kind: GlobalNetworkSet
                    metadata: {name: over-https}
                    spec: {nets: [198.18.10.0/24]}
                    """);
            assertThat(palisade("create", "-f", manifest.toString(), "--server=" + base,
                    "--cacert=" + pki.caCert(), "--token=editor-token"))
                    .isEqualTo(new Run(0, "Successfully created 1 'GlobalNetworkSet' resource(s)\n", ""));
            Run get = palisade("get", "globalnetworksets", "over-https", "-o", "yaml", "--server=" + base,
                    "--cacert=" + pki.caCert(), "--token=viewer-token");
            assertThat(get.code()).as(get.err()).isZero();
            assertThat(get.out()).contains("198.18.10.0/24");

            Run untrusted = palisade("get", "globalnetworksets", "--server=" + base, "--token=viewer-token");
            assertThat(untrusted.code()).isEqualTo(1);
            assertThat(untrusted.err()).contains("TLS with " + base + " failed").contains("--cacert");

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding()))
                    .as("no plain HTTP listener").isInstanceOf(ConnectException.class);
        } finally {
            ingest.stop();
        }
    }

    private static Run palisade(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
