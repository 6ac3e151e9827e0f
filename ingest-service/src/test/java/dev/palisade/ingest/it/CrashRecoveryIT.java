package dev.palisade.ingest.it;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import dev.palisade.testkit.KafkaBroker;
import dev.palisade.testkit.KafkaBrokerExtension;
import dev.palisade.testkit.Postgres;
import dev.palisade.testkit.PostgresExtension;
import dev.palisade.testkit.ServerProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, killed with SIGKILL after a change is committed to etcd and before it reached
 * Kafka (the broker is unreachable for the first instance), is restarted: the change is then on the topic,
 * once per revision for a consumer that skips revisions it has seen.
 */
@ExtendWith({KafkaBrokerExtension.class, EtcdExtension.class, PostgresExtension.class})
class CrashRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String KEY = "HostEndpoint/_/crash-1";

    @Test
    void aChangeCommittedBeforeACrashIsPublishedAfterTheRestart(KafkaBroker kafka, Etcd etcd, Postgres postgres)
            throws Exception {
        int deadKafkaPort = freePort();
        int httpPort = freePort();
        ServerProcess first = startService("ingest-first", "127.0.0.1:" + deadKafkaPort, etcd, postgres, httpPort);
        long revision;
        try {
            revision = createHostEndpoint(httpPort, "crash-1");
        } finally {
            first.kill();
        }
        assertThat(first.isAlive()).isFalse();

        ServerProcess second = startService("ingest-second", kafka.bootstrapServers(), etcd, postgres, freePort());
        try {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.bootstrapServers(),
                    "palisade.resources", rs -> rs.stream().anyMatch(r -> KEY.equals(r.key())), Duration.ofSeconds(90));
            List<Long> revisions = records.stream().filter(r -> KEY.equals(r.key()))
                    .map(r -> Long.parseLong(TopicReader.header(r, "palisade-revision"))).toList();
            assertThat(revisions).isNotEmpty().allMatch(r -> r == revision);

            ResourceEventCodec events = new ResourceEventCodec(new ResourceCodec());
            List<Long> applied = new ArrayList<>();
            long lastSeen = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                if (KEY.equals(record.key())) {
                    long r = events.decode(record.value()).revision();
                    if (r > lastSeen) {
                        applied.add(r);
                        lastSeen = r;
                    }
                }
            }
            assertThat(applied).containsExactly(revision);
        } finally {
            second.stop();
        }
        assertThat(second.isAlive()).isFalse();
    }

    /** The audit note travels in the write's etcd transaction: neither the database's outage nor our crash loses it. */
    @Test
    void aWriteAcknowledgedWhilePostgresIsDownIsAuditedOnceEvenAfterAKill9(KafkaBroker kafka, Etcd etcd,
                                                                         Postgres postgres) throws Exception {
        int httpPort = freePort();
        ServerProcess first = startService("ingest-audit-first", kafka.bootstrapServers(), etcd, postgres, httpPort);
        String revision;
        try {
            postgres.crash();
            // the write is in etcd: the audit log being down is not the client's failure
            revision = Long.toString(createHostEndpoint(httpPort, "audit-outage-1"));
        } finally {
            first.kill();
        }
        postgres.restart();

        int secondPort = freePort();
        ServerProcess second = startService("ingest-audit-second", kafka.bootstrapServers(), etcd, postgres, secondPort);
        try {
            Pattern audited = Pattern.compile("\"revision\"\\s*:\\s*" + revision + "\\b");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String page;
            while (true) {
                page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort
                                + "/audit?kind=HostEndpoint&name=audit-outage-1"))
                        .header("Authorization", "Bearer editor-token").build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (audited.matcher(page).find() || System.nanoTime() > deadline) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            assertThat(audited.matcher(page).results().count()).as(page).isEqualTo(1);
            assertThat(page).contains("alice", "CREATE", "interfaceName");
        } finally {
            second.stop();
        }
    }

    /** Creates a host endpoint through the API, which must answer 201; returns its revision. */
    private static long createHostEndpoint(int httpPort, String name) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + httpPort + "/apis/projectcalico.org/v3/hostendpoints"))
                .header("Authorization", "Bearer editor-token").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        apiVersion: projectcalico.org/v3
                        kind: HostEndpoint
                        metadata: {name: %s}
                        spec: {node: node1, interfaceName: eth0}
                        """.formatted(name))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher version = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"").matcher(created.body());
        assertThat(version.find()).isTrue();
        return Long.parseLong(version.group(1));
    }

    private static ServerProcess startService(String name, String kafka, Etcd etcd, Postgres postgres, int httpPort) {
        return IngestProcess.start(name, IngestProcess.settings(kafka, etcd, postgres, httpPort), HTTP,
                URI.create("http://127.0.0.1:" + httpPort));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
