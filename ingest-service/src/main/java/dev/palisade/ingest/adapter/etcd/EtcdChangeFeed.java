package dev.palisade.ingest.adapter.etcd;

import dev.palisade.ingest.core.publish.ChangeFeed;
import dev.palisade.ingest.core.store.DatastoreKeys;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.event.ResourceEvent;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The history of resource keys as an etcd watch on {@code /palisade/v3/}. */
public final class EtcdChangeFeed implements ChangeFeed {

    private final Watch watch;
    private final EtcdDatastore store;
    private final StoredForm form;
    private final CommitTimes commits;

    public EtcdChangeFeed(Watch watch, EtcdDatastore store, dev.palisade.model.codec.ResourceCodec codec,
                          CommitTimes commits) {
        this.watch = watch;
        this.store = store;
        this.form = new StoredForm(codec);
        this.commits = commits;
    }

    @Override
    public AutoCloseable watch(long fromRevision, Listener listener) {
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
        Watch.Watcher watcher = watch.watch(StoredForm.bytes(DatastoreKeys.ROOT), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                List<ResourceEvent> events = response.getEvents().stream().map(EtcdChangeFeed.this::toEvent).toList();
                // revisions another replica wrote; this process's own writes are already recorded, at commit
                long seen = System.currentTimeMillis();
                events.forEach(e -> commits.committed(e.revision(), seen));
                if (!events.isEmpty()) {
                    listener.onChanges(events);
                }
            }

            @Override
            public void onError(Throwable error) {
                if (error instanceof CompactedException compacted) {
                    listener.onCompacted(compacted.getCompactedRevision());
                } else {
                    listener.onError(error);
                }
            }

            @Override
            public void onCompleted() {
                listener.onError(new IllegalStateException("the etcd watch ended"));
            }
        });
        return watcher::close;
    }

    @Override
    public Listing snapshot() {
        return store.listPrefix(DatastoreKeys.ROOT);
    }

    private ResourceEvent toEvent(WatchEvent event) {
        var kv = event.getKeyValue();
        var key = DatastoreKeys.parse(kv.getKey().toString(StandardCharsets.UTF_8));
        return event.getEventType() == WatchEvent.EventType.DELETE
                ? ResourceEvent.deleted(kv.getModRevision(), key)
                : ResourceEvent.upsert(kv.getModRevision(), form.decode(kv), false);
    }
}
