package dev.palisade.ingest.it;

import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.ServerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The packaged ingest-service in its own process, configured by system properties, waited for until live. */
final class IngestProcess {

    private IngestProcess() {
    }

    /** The settings every test run needs: the servers, the test tokens, the HTTP port; tests add or replace some. */
    static Map<String, String> settings(String kafkaBootstrap, Etcd etcd, Postgres postgres, int httpPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", kafkaBootstrap);
        settings.put("etcd.endpoints", etcd.endpoint());
        settings.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        settings.put("quarkus.datasource.username", postgres.user());
        settings.put("quarkus.datasource.password", postgres.password());
        settings.put("palisade.ingest.auth.tokens-file", Path.of("src/test/resources/tokens").toAbsolutePath().toString());
        settings.put("palisade.ingest.publisher.retry-delay", "500ms");
        settings.put("quarkus.http.port", Integer.toString(httpPort));
        return settings;
    }

    /** Starts the service and waits until {@code client} gets 200 from {@code base}'s /q/health/live. */
    static ServerProcess start(String name, Map<String, String> settings, HttpClient client, URI base) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", System.getProperty("palisade.ingest.app")));
        ServerProcess process = ServerProcess.start(name, command);
        process.awaitReady(Duration.ofSeconds(120), "a live " + base + "/q/health/live",
                () -> live(client, base.resolve("/q/health/live")));
        return process;
    }

    private static boolean live(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
