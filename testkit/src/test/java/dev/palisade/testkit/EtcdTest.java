package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void etcdFromTheTestResourceStoresAndReturnsAKeyAndStopsByPid() throws Exception {
        EtcdTestResource resource = new EtcdTestResource();
        Map<String, String> config = resource.start();
        long pid = resource.server().process().pid();
        try {
            String endpoint = config.get("etcd.endpoints");
            // etcd's v3 JSON gateway: keys and values are base64
            post(endpoint + "/v3/kv/put", "{\"key\":\"%s\",\"value\":\"%s\"}".formatted(b64("/t/a"), b64("value-1")));
            String range = post(endpoint + "/v3/kv/range", "{\"key\":\"%s\"}".formatted(b64("/t/a")));
            assertThat(range).contains("\"value\":\"" + b64("value-1") + "\"");
        } finally {
            resource.stop();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    static String post(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
