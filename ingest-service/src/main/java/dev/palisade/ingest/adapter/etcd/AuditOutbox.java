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
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit notes etcd holds beside the writes they describe: {@code /palisade/audit-outbox/<id>}, put in the
 * write's own transaction (outside {@code /palisade/v3/}, so the change feed never sees them). A note leaves once
 * the audit log has its row; until then the write's revision and its before/after states are read back from etcd's
 * history, so the note itself stays small.
 */
public final class AuditOutbox {

    static final String PREFIX = "/palisade/audit-outbox/";

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
        return Op.put(StoredForm.bytes(PREFIX + note.id()), ByteSequence.from(value.toString(), StandardCharsets.UTF_8),
                PutOption.DEFAULT);
    }

    /** Up to {@code limit} notes still waiting, oldest write first, each with the write it describes. */
    public List<AuditEntry> waiting(int limit) {
        List<KeyValue> notes = new ArrayList<>(EtcdDatastore.await(kv.get(StoredForm.bytes(PREFIX),
                GetOption.builder().isPrefix(true).withLimit(limit).build())).getKvs());
        notes.sort((a, b) -> Long.compare(a.getCreateRevision(), b.getCreateRevision()));
        List<AuditEntry> entries = new ArrayList<>(notes.size());
        for (KeyValue stored : notes) {
            entries.add(entry(stored));
        }
        return entries;
    }

    /** The note has its row in the audit log; a failure leaves it for the next look, which finds the row. */
    public void remove(String id) {
        kv.delete(StoredForm.bytes(PREFIX + id));
    }

    private AuditEntry entry(KeyValue stored) {
        String id = stored.getKey().toString(StandardCharsets.UTF_8).substring(PREFIX.length());
        JsonNode value;
        try {
            value = json.readTree(stored.getValue().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("audit note " + id + " is not JSON", e);
        }
        List<String> forced = new ArrayList<>();
        value.path("forced").forEach(flow -> forced.add(flow.asText()));
        AuditNote note = new AuditNote(id, Instant.parse(value.path("time").asText()), value.path("actor").asText(),
                AuditOperation.valueOf(value.path("operation").asText()), forced);
        String key = value.path("key").asText();
        // the note was put in the write's transaction: its create revision is the write's revision
        long revision = stored.getCreateRevision();
        Resource after = at(key, revision);
        return new AuditEntry(revision, note, DatastoreKeys.parse(key), at(key, revision - 1),
                after != null && Long.parseLong(after.metadata().resourceVersion()) == revision ? after : null);
    }

    private Resource at(String key, long revision) {
        List<KeyValue> kvs = EtcdDatastore.await(kv.get(StoredForm.bytes(key),
                GetOption.builder().withRevision(revision).build())).getKvs();
        return kvs.isEmpty() ? null : form.decode(kvs.getFirst());
    }
}
