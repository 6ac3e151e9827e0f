package dev.palisade.ingest.adapter.etcd;

import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.DatastoreKeys;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.ingest.core.store.Written;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Datastore} on etcd: one key per resource, every write a transaction comparing the key's revision and
 * putting the write's audit note into the {@link AuditOutbox}.
 */
public final class EtcdDatastore implements Datastore {

    private static final long TIMEOUT_SECONDS = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private final KV kv;
    private final StoredForm form;
    private final AuditOutbox outbox;
    private final CommitTimes commits;
    private final MeterRegistry registry;

    private final Duration timeout;

    public EtcdDatastore(KV kv, dev.palisade.model.codec.ResourceCodec codec, CommitTimes commits, MeterRegistry registry,
                         Duration timeout) {
        this.kv = kv;
        this.timeout = timeout;
        this.form = new StoredForm(codec);
        this.outbox = new AuditOutbox(kv, form);
        this.commits = commits;
        this.registry = registry;
    }

    /** Waits for an etcd call, timing it as {@code palisade_etcd_request_seconds{op}} (failures included). */
    private <T> T timed(String op, CompletableFuture<T> future, Duration within) {
        long started = System.nanoTime();
        try {
            return await(future, within);
        } finally {
            Timer.builder("palisade.etcd.request").tag("op", op)
                    .description("etcd round trips of the REST API's reads and writes")
                    .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2))
                    .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A write that fails without etcd's answer is "outcome unknown", never "failed": jetcd retries on its own and
     * etcd may have applied it already. The future is cancelled so that our retries, at least, stop here.
     */
    private <T> T timedWrite(String op, ResourceKey resourceKey, CompletableFuture<T> future) {
        try {
            return timed(op, future, timeout);
        } catch (EtcdUnavailableException e) {
            future.cancel(true);
            throw new EtcdOutcomeUnknownException(op, resourceKey, timeout, e.getCause());
        }
    }

    private <T> T timed(String op, CompletableFuture<T> future) {
        return timed(op, future, timeout);
    }

    private long committed(TxnResponse txn) {
        long revision = txn.getHeader().getRevision();
        commits.committed(revision, System.currentTimeMillis());
        return revision;
    }

    @Override
    public Written create(Resource resource, AuditNote note) {
        ByteSequence key = key(resource.key());
        TxnResponse txn = timedWrite("create", resource.key(), kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(key, form.encode(resource), PutOption.DEFAULT), outbox.put(note, resource.key()))
                .commit());
        if (!txn.isSucceeded()) {
            throw new DatastoreException.AlreadyExists(resource.key());
        }
        long revision = committed(txn);
        return new Written(revision, null, withRevision(resource, revision));
    }

    @Override
    public Written update(Resource resource, long expectedRevision, AuditNote note) {
        ByteSequence key = key(resource.key());
        TxnResponse txn = timedWrite("update", resource.key(), kv.txn()
                .If(precondition(key, expectedRevision))
                .Then(Op.put(key, form.encode(resource), PutOption.builder().withPrevKV().build()),
                        outbox.put(note, resource.key()))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit());
        if (!txn.isSucceeded()) {
            throw refusal(resource.key(), expectedRevision, txn.getGetResponses().getFirst());
        }
        long revision = committed(txn);
        Resource before = form.decode(txn.getPutResponses().getFirst().getPrevKv());
        return new Written(revision, before, withRevision(resource, revision));
    }

    @Override
    public Written delete(ResourceKey resourceKey, long expectedRevision, AuditNote note) {
        ByteSequence key = key(resourceKey);
        TxnResponse txn = timedWrite("delete", resourceKey, kv.txn()
                .If(precondition(key, expectedRevision))
                .Then(Op.delete(key, DeleteOption.builder().withPrevKV(true).build()), outbox.put(note, resourceKey))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit());
        if (!txn.isSucceeded()) {
            throw refusal(resourceKey, expectedRevision, txn.getGetResponses().getFirst());
        }
        KeyValue previous = txn.getDeleteResponses().getFirst().getPrevKvs().getFirst();
        return new Written(committed(txn), form.decode(previous), null);
    }

    /** The audit notes this datastore's writes left, until the audit log has them. */
    public AuditOutbox outbox() {
        return outbox;
    }

    @Override
    public Optional<Resource> get(ResourceKey resourceKey) {
        List<KeyValue> kvs = timed("get", kv.get(key(resourceKey))).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(form.decode(kvs.getFirst()));
    }

    @Override
    public Listing list(Kind kind, String namespace) {
        String prefix = namespace == null ? DatastoreKeys.kindPrefix(kind) : DatastoreKeys.namespacePrefix(kind, namespace);
        return listPrefix(prefix);
    }

    @Override
    public Optional<Listing> listAt(Kind kind, long revision) {
        try {
            GetResponse response = timed("list", kv.get(StoredForm.bytes(DatastoreKeys.kindPrefix(kind)),
                    GetOption.builder().isPrefix(true).withRevision(revision).build()));
            return Optional.of(new Listing(response.getKvs().stream().map(form::decode).toList(), revision));
        } catch (EtcdUnavailableException e) {
            if (e.getCause() instanceof CompactedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Everything under a key prefix, read at one revision. */
    Listing listPrefix(String prefix) {
        GetResponse response = timed("list", kv.get(StoredForm.bytes(prefix), GetOption.builder().isPrefix(true).build()));
        return new Listing(response.getKvs().stream().map(form::decode).toList(), response.getHeader().getRevision());
    }

    private static Cmp precondition(ByteSequence key, long expectedRevision) {
        return expectedRevision == ANY_REVISION
                ? new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0))
                : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision));
    }

    private static DatastoreException refusal(ResourceKey key, long expected, GetResponse current) {
        if (current.getKvs().isEmpty()) {
            return new DatastoreException.NotFound(key);
        }
        return new DatastoreException.Conflict(key, expected, current.getKvs().getFirst().getModRevision());
    }

    private static Resource withRevision(Resource resource, long revision) {
        return resource.withMetadata(resource.metadata().withServerFields(Long.toString(revision),
                resource.metadata().uid(), resource.metadata().creationTimestamp()));
    }

    private static ByteSequence key(ResourceKey key) {
        return StoredForm.bytes(DatastoreKeys.of(key));
    }

    static <T> T await(CompletableFuture<T> future) {
        return await(future, DEFAULT_TIMEOUT);
    }

    static <T> T await(CompletableFuture<T> future, Duration within) {
        try {
            return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EtcdUnavailableException(e.getCause());
        } catch (TimeoutException e) {
            throw new EtcdUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdUnavailableException(e);
        }
    }
}
