package dev.palisade.ingest.adapter.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.ingest.core.audit.AuditOperation;
import dev.palisade.ingest.core.store.DatastoreKeys;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit notes etcd holds beside the writes they describe: {@code /palisade/audit-outbox/<time>/<id>}, put in
 * the write's own transaction (outside {@code /palisade/v3/}, so the change feed never sees them). The time in the
 * key makes a range read return the oldest first. A note leaves once the audit log has its row; until then the
 * write's revision and its before/after states are read back from etcd's history, so the note itself stays small.
 */
public final class AuditOutbox {

    static final String PREFIX = "/palisade/audit-outbox/";
    private static final Logger LOG = Logger.getLogger(AuditOutbox.class);

    /** A note still waiting: the write's revision (the note's create revision) and the key it wrote. */
    public record Waiting(long revision, AuditNote note, String resourceKey) {
    }

    /** A waiting note with the write it describes; {@code complete} is false when etcd's history was compacted. */
    public record Recovered(AuditEntry entry, boolean complete) {
    }

    private final KV kv;
    private final StoredForm form;
    private final ObjectMapper json = new ObjectMapper();

    AuditOutbox(KV kv, StoredForm form) {
        this.kv = kv;
        this.form = form;
    }

    /** The put that keeps {@code note} about the write of {@code key}, for the write's transaction. */
    Op put(AuditNote note, ResourceKey key) {
        ObjectNode value = json.createObjectNode()
                .put("key", DatastoreKeys.of(key))
                .put("time", note.time().toString())
                .put("actor", note.actor())
                .put("operation", note.operation().name());
        note.forced().forEach(value.putArray("forced")::add);
        return Op.put(StoredForm.bytes(key(note)), ByteSequence.from(value.toString(), StandardCharsets.UTF_8),
                PutOption.DEFAULT);
    }

    /** How many notes wait. */
    public long count() {
        return EtcdDatastore.await(kv.get(StoredForm.bytes(PREFIX),
                GetOption.builder().isPrefix(true).withCountOnly(true).build())).getCount();
    }

    /** Up to {@code limit} notes of writes made before {@code cutoff}, oldest first; history is not read yet. */
    public List<Waiting> due(Instant cutoff, int limit) {
        List<KeyValue> notes = EtcdDatastore.await(kv.get(StoredForm.bytes(PREFIX), GetOption.builder()
                .withRange(StoredForm.bytes(PREFIX + millis(cutoff))).withLimit(limit).build())).getKvs();
        List<Waiting> waiting = new ArrayList<>(notes.size());
        for (KeyValue stored : notes) {
            waiting.add(waiting(stored));
        }
        return waiting;
    }

    /** The write a note describes, its before/after states read from etcd's history at its revision. */
    public Recovered recover(Waiting note) {
        Read after = read(note.resourceKey(), note.revision());
        Read before = read(note.resourceKey(), note.revision() - 1);
        // at a delete's revision the key is absent; otherwise the state read there is the one this write stored
        Resource stored = after.resource() != null
                && Long.parseLong(after.resource().metadata().resourceVersion()) == note.revision() ? after.resource() : null;
        return new Recovered(new AuditEntry(note.revision(), note.note(), DatastoreKeys.parse(note.resourceKey()),
                before.resource(), stored), after.kept() && before.kept());
    }

    private record Read(Resource resource, boolean kept) {
    }

    private Read read(String key, long revision) {
        try {
            List<KeyValue> kvs = EtcdDatastore.await(kv.get(StoredForm.bytes(key),
                    GetOption.builder().withRevision(revision).build())).getKvs();
            return new Read(kvs.isEmpty() ? null : form.decode(kvs.getFirst()), true);
        } catch (EtcdUnavailableException e) {
            if (e.getCause() instanceof CompactedException) {
                return new Read(null, false);
            }
            throw e;
        }
    }

    /** The note has its row in the audit log; a failure leaves it for the next look, whose insert finds the row. */
    public void remove(AuditNote note) {
        kv.delete(StoredForm.bytes(key(note))).exceptionally(e -> {
            LOG.debugf("audit note %s stays until the next look: %s", note.id(), e.getMessage());
            return null;
        });
    }

    private static String key(AuditNote note) {
        return PREFIX + millis(note.time()) + "/" + note.id();
    }

    /** Zero-padded, so that keys sort by time. */
    private static String millis(Instant time) {
        return String.format("%016d", time.toEpochMilli());
    }

    private Waiting waiting(KeyValue stored) {
        String storedKey = stored.getKey().toString(StandardCharsets.UTF_8);
        String id = storedKey.substring(storedKey.lastIndexOf('/') + 1);
        JsonNode value;
        try {
            value = json.readTree(stored.getValue().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("audit note " + storedKey + " is not JSON", e);
        }
        List<String> forced = new ArrayList<>();
        value.path("forced").forEach(flow -> forced.add(flow.asText()));
        AuditNote note = new AuditNote(id, Instant.parse(value.path("time").asText()), value.path("actor").asText(),
                AuditOperation.valueOf(value.path("operation").asText()), forced);
        // the note was put in the write's transaction: its create revision is the write's revision
        return new Waiting(stored.getCreateRevision(), note, value.path("key").asText());
    }
}
