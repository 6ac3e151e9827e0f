package dev.palisade.ingest.adapter.etcd;

import dev.palisade.ingest.adapter.rest.ErrorMappers;
import dev.palisade.ingest.adapter.rest.Representation;
import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.ingest.core.audit.AuditOperation;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Etcd;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real etcd stopped by its PID (SIGSTOP: it holds the connection but answers nothing, the worst case for a
 * client) while a write is under way: the API must not call that write failed, since it can still take effect.
 */
class EtcdOutageTest {

    private static final ResourceCodec CODEC = new ResourceCodec();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final AuditNote NOTE = new AuditNote("note-1", Instant.EPOCH, "alice", AuditOperation.CREATE, List.of());

    @Test
    void aWriteEtcdDoesNotConfirmIs504OutcomeUnknownAndSaysHowToCheck() throws Exception {
        try (Etcd etcd = Etcd.start(); Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            EtcdDatastore store = new EtcdDatastore(client.getKVClient(), CODEC, new CommitTimes(),
                    new SimpleMeterRegistry(), TIMEOUT);
            // the first call opens the connection, which may take longer than TIMEOUT on a busy machine
            new EtcdDatastore(client.getKVClient(), CODEC, new CommitTimes(), new SimpleMeterRegistry(),
                    Duration.ofSeconds(30)).create(hep("outage-before"), NOTE);

            etcd.process().pause();
            EtcdOutcomeUnknownException unknown;
            try {
                unknown = catchThrowableOfType(EtcdOutcomeUnknownException.class, () -> store.create(hep("outage-during"), NOTE));
                assertThat(unknown).as("a write during the outage").isNotNull();
                assertThat(unknown.getMessage()).startsWith("outcome unknown")
                        .contains("may or may not have been applied")
                        .contains("GET /apis/projectcalico.org/v3/hostendpoints/outage-during")
                        .contains("/audit?kind=HostEndpoint&name=outage-during");
                // a read has no outcome to be unsure of: plain 503
                assertThatThrownBy(() -> store.get(hep("outage-before").key()))
                        .isInstanceOf(EtcdUnavailableException.class)
                        .isNotInstanceOf(EtcdOutcomeUnknownException.class);

                Response response = new ErrorMappers(new Representation(CODEC)).outcomeUnknown(unknown, null);
                assertThat(response.getStatus()).isEqualTo(504);
                assertThat(response.getEntity().toString()).contains("\"reason\" : \"Timeout\"")
                        .contains("outcome unknown").contains("\"name\" : \"outage-during\"");
            } finally {
                etcd.process().resume();
            }

            // the documented check answers once etcd is back: either outcome is possible, the check tells which
            dev.palisade.testkit.Eventually.await(Duration.ofSeconds(15), "etcd answers again", () -> {
                try {
                    store.get(hep("outage-before").key());
                    return true;
                } catch (EtcdUnavailableException e) {
                    return false;
                }
            });
            assertThat(store.get(hep("outage-before").key())).isPresent();
            store.get(hep("outage-during").key()); // no exception: the client can find out
        }
    }

    private static Resource hep(String name) {
        return CODEC.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: %s
                spec:
                  node: node1
                  interfaceName: eth0
                """.formatted(name));
    }

}
