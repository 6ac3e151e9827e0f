package dev.palisade.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real etcd v3 server (Debian's {@code /usr/bin/etcd}) on free loopback ports. */
public final class Etcd implements TestServer {

    private static final String BINARY = System.getProperty("palisade.etcd.binary", "/usr/bin/etcd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final int clientPort;
    private volatile ServerProcess process;

    private Etcd(int clientPort, ServerProcess process) {
        this.clientPort = clientPort;
        this.process = process;
    }

    public static Etcd start() {
        Path dir = WorkDirs.newDir("etcd");
        int clientPort = Ports.freeLoopbackPort();
        int peerPort = Ports.freeLoopbackPort();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        ServerProcess process = ServerProcess.launch("etcd", dir, dir.resolve("etcd.log"), BINARY,
                "--name", "t", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "t=" + peer, "--initial-cluster-state", "new");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Await.ready(process, START_TIMEOUT, "a healthy /health answer", () -> healthy(http, client));
        return new Etcd(clientPort, process);
    }

    private static boolean healthy(HttpClient http, String client) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(client + "/health")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9, as a crash: clients see connections refused until {@link #restart()}. */
    public void crash() {
        process.kill();
    }

    /** After {@link #crash()}: the same server again, same ports and data, waited for until healthy. */
    public void restart() {
        ServerProcess again = process.respawn();
        process = again;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Await.ready(again, START_TIMEOUT, "a healthy /health answer after a restart", () -> healthy(http, endpoint()));
    }

    /** The value for {@code etcd.endpoints}. */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "etcd at " + endpoint() + ", " + process;
    }
}
