package dev.palisade.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real etcd v3 server (Debian's {@code /usr/bin/etcd}) on free loopback ports. */
public final class Etcd implements TestServer {

    private static final String BINARY = System.getProperty("palisade.etcd.binary", "/usr/bin/etcd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** etcd logs this once its client listener serves; a TLS server is waited for by it (its /health wants a client certificate). */
    private static final String READY_LINE = "ready to serve client requests";

    private final int clientPort;
    private final boolean tls;
    private volatile ServerProcess process;

    private Etcd(int clientPort, boolean tls, ServerProcess process) {
        this.clientPort = clientPort;
        this.tls = tls;
        this.process = process;
    }

    public static Etcd start() {
        Path dir = WorkDirs.newDir("etcd");
        int clientPort = Ports.freeLoopbackPort();
        String client = "http://127.0.0.1:" + clientPort;
        ServerProcess process = launch(dir, client, List.of());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Await.ready(process, START_TIMEOUT, "a healthy /health answer", () -> healthy(http, client));
        return new Etcd(clientPort, false, process);
    }

    /**
     * etcd serving clients only over TLS with {@code pki}'s server certificate, and only clients that show a
     * certificate {@code pki}'s CA signed (mutual TLS, {@code --client-cert-auth}).
     */
    public static Etcd startWithTls(TestPki pki) {
        Path dir = WorkDirs.newDir("etcd-tls");
        int clientPort = Ports.freeLoopbackPort();
        ServerProcess process = launch(dir, "https://127.0.0.1:" + clientPort, List.of(
                "--cert-file", pki.serverCert().toString(), "--key-file", pki.serverKey().toString(),
                "--trusted-ca-file", pki.caCert().toString(), "--client-cert-auth"));
        Await.ready(process, START_TIMEOUT, "'" + READY_LINE + "' in the log",
                () -> process.logText().contains(READY_LINE));
        return new Etcd(clientPort, true, process);
    }

    private static ServerProcess launch(Path dir, String client, List<String> tlsFlags) {
        String peer = "http://127.0.0.1:" + Ports.freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(BINARY,
                "--name", "t", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "t=" + peer, "--initial-cluster-state", "new"));
        command.addAll(tlsFlags);
        return ServerProcess.launch("etcd", dir, dir.resolve("etcd.log"), command.toArray(String[]::new));
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
        int startsBefore = process.logText().split(READY_LINE, -1).length - 1;
        ServerProcess again = process.respawn();
        process = again;
        if (tls) {
            Await.ready(again, START_TIMEOUT, "'" + READY_LINE + "' in the log once more",
                    () -> again.logText().split(READY_LINE, -1).length - 1 > startsBefore);
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Await.ready(again, START_TIMEOUT, "a healthy /health answer after a restart", () -> healthy(http, endpoint()));
    }

    /** The value for {@code etcd.endpoints}. */
    public String endpoint() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + clientPort;
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
