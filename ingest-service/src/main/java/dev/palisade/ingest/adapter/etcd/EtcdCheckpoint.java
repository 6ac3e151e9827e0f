package dev.palisade.ingest.adapter.etcd;

import dev.palisade.ingest.core.publish.Checkpoint;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The publication checkpoint as an etcd key outside the resource prefix (so the watch never sees it). */
public final class EtcdCheckpoint implements Checkpoint {

    static final String KEY = "/palisade/meta/published-revision";

    private final KV kv;

    public EtcdCheckpoint(KV kv) {
        this.kv = kv;
    }

    @Override
    public long load() {
        List<KeyValue> kvs = EtcdDatastore.await(kv.get(StoredForm.bytes(KEY))).getKvs();
        return kvs.isEmpty() ? 0 : Long.parseLong(kvs.getFirst().getValue().toString(StandardCharsets.UTF_8));
    }

    @Override
    public void save(long revision) {
        EtcdDatastore.await(kv.put(StoredForm.bytes(KEY), StoredForm.bytes(Long.toString(revision))));
    }
}
