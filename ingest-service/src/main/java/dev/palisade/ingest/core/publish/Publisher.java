package dev.palisade.ingest.core.publish;

import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.resource.Resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes every committed change, in revision order, from the datastore's history rather than from the
 * request path: it resumes from the last checkpointed revision, so a crash between a commit and its
 * publication loses nothing (it may publish a change twice, with the same revision, which consumers skip).
 * One thread does all the work, so batches are published strictly one after another.
 */
public final class Publisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    private static final Object STOP = new Object();
    static final int MAX_BATCH = 1000;

    private final ChangeFeed feed;
    private final EventSink sink;
    private final Checkpoint checkpoint;
    private final Duration retryDelay;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();
    private final Thread worker;
    private AutoCloseable watch;

    private record Compacted(long revision) {
    }

    private record Failed(Throwable error) {
    }

    public Publisher(ChangeFeed feed, EventSink sink, Checkpoint checkpoint, Duration retryDelay) {
        this.feed = feed;
        this.sink = sink;
        this.checkpoint = checkpoint;
        this.retryDelay = retryDelay;
        this.worker = Thread.ofPlatform().name("palisade-publisher").daemon().unstarted(this::run);
    }

    public void start() {
        published.set(checkpoint.load());
        seen.set(published.get());
        worker.start();
    }

    /** How many revisions committed (and seen by the watch) are not yet known to be on the topic. */
    public long lag() {
        return Math.max(0, seen.get() - published.get());
    }

    /** The highest revision known to be on the topic. */
    public long publishedRevision() {
        return published.get();
    }

    @Override
    public void close() {
        inbox.add(STOP);
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        subscribe();
        while (true) {
            Object signal;
            try {
                signal = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (signal == STOP) {
                unsubscribe();
                return;
            }
            try {
                handle(withQueuedChanges(signal));
            } catch (RuntimeException e) {
                restartAfter(e);
            }
        }
    }

    /**
     * Changes the watch delivered while the previous batch was being sent go out together with this one: one
     * send and one checkpoint write then cover many commits, so the publisher keeps up with bursts of writes
     * instead of paying a checkpoint per revision and falling ever further behind.
     */
    private Object withQueuedChanges(Object signal) {
        if (!(signal instanceof List<?> first)) {
            return signal;
        }
        List<Object> merged = null;
        while (inbox.peek() instanceof List<?> next && (merged == null ? first.size() : merged.size()) < MAX_BATCH) {
            if (merged == null) {
                merged = new ArrayList<>(first);
            }
            merged.addAll(next);
            inbox.poll();
        }
        return merged == null ? signal : merged;
    }

    @SuppressWarnings("unchecked")
    private void handle(Object signal) {
        switch (signal) {
            case List<?> changes -> publish((List<ResourceEvent>) changes);
            case Compacted compacted -> resync(compacted.revision());
            case Failed failed -> restartAfter(failed.error());
            default -> throw new IllegalStateException("unexpected signal " + signal);
        }
    }

    private void publish(List<ResourceEvent> changes) {
        long last = published.get();
        List<ResourceEvent> fresh = changes.stream().filter(e -> e.revision() > last).toList();
        if (fresh.isEmpty()) {
            return;
        }
        sink.publish(fresh);
        advanceTo(fresh.getLast().revision());
    }

    private void resync(long compactRevision) {
        LOG.log(System.Logger.Level.WARNING, "history before revision {0} was compacted; publishing a full snapshot",
                compactRevision);
        unsubscribe();
        inbox.clear();
        var snapshot = feed.snapshot();
        List<ResourceEvent> events = snapshot.items().stream()
                .map(r -> ResourceEvent.upsert(revisionOf(r), r, true))
                .toList();
        sink.publish(events);
        sink.publishResyncDone(snapshot.revision());
        advanceTo(snapshot.revision());
        subscribe();
    }

    private void restartAfter(Throwable error) {
        LOG.log(System.Logger.Level.WARNING, "publication failed after revision " + published.get()
                + "; resuming from there", error);
        unsubscribe();
        inbox.clear();
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        subscribe();
    }

    private void advanceTo(long revision) {
        published.set(revision);
        checkpoint.save(revision);
    }

    private void subscribe() {
        try {
            watch = watchFromPublished();
        } catch (RuntimeException e) {
            inbox.add(new Failed(e));
        }
    }

    private AutoCloseable watchFromPublished() {
        return feed.watch(published.get() + 1, new ChangeFeed.Listener() {
            @Override
            public void onChanges(List<ResourceEvent> changes) {
                seen.accumulateAndGet(changes.getLast().revision(), Math::max);
                inbox.add(List.copyOf(changes));
            }

            @Override
            public void onCompacted(long compactRevision) {
                inbox.add(new Compacted(compactRevision));
            }

            @Override
            public void onError(Throwable error) {
                inbox.add(new Failed(error));
            }
        });
    }

    private void unsubscribe() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the watch failed", e);
            }
            watch = null;
        }
    }

    private static long revisionOf(Resource resource) {
        return Long.parseLong(resource.metadata().resourceVersion());
    }
}
