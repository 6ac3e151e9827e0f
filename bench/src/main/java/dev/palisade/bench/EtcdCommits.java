package dev.palisade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sees commits as etcd announces them: a watch on the resource keys through etcd's JSON gateway
 * ({@code POST /v3/watch}, one JSON message per line), the moment each mod revision appears noted as its
 * commit time. The service's publisher learns of commits the same way, so commit→topic measured from here
 * is the publication path alone, without the HTTP response or the audit write in it.
 */
final class EtcdCommits implements RevisionTimes, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, Long> commitNanos = new ConcurrentHashMap<>();
    private final CountDownLatch created = new CountDownLatch(1);
    private final Stream<String> lines;
    private final Thread reader;

    EtcdCommits(String endpoint, String prefix) throws IOException, InterruptedException {
        String body = "{\"create_request\":{\"key\":\"" + base64(prefix) + "\",\"range_end\":\""
                + base64(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1))
                + "\"}}";
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/v3/watch"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("etcd watch refused: HTTP " + response.statusCode());
        }
        lines = response.body();
        reader = Thread.ofPlatform().name("etcd-commits").daemon().start(this::read);
        if (!created.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("etcd did not confirm the watch within 30 s");
        }
    }

    @Override
    public Long seen(long revision) {
        return commitNanos.get(revision);
    }

    private void read() {
        try {
            lines.forEach(line -> {
                long now = System.nanoTime();
                JsonNode result = tree(line).path("result");
                if (result.path("created").asBoolean(false)) {
                    created.countDown();
                }
                for (JsonNode event : result.path("events")) {
                    commitNanos.putIfAbsent(event.path("kv").path("mod_revision").asLong(), now);
                }
            });
        } catch (UncheckedIOException e) {
            // the stream ends with an I/O error when close() cancels it
        }
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("etcd sent something that is not JSON: " + line, e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        lines.close();
        reader.join(5_000);
    }
}
