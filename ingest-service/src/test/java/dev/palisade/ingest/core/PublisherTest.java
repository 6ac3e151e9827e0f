package dev.palisade.ingest.core;

import dev.palisade.ingest.core.publish.ChangeFeed;
import dev.palisade.ingest.core.publish.Checkpoint;
import dev.palisade.ingest.core.publish.EventSink;
import dev.palisade.ingest.core.publish.Publisher;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherTest {

    /** A history of changes; a watch replays from its start revision, as etcd does. */
    static final class History implements ChangeFeed {
        final List<ResourceEvent> events = new ArrayList<>();
        long compactedBelow;
        final List<Long> watchedFrom = new ArrayList<>();

        @Override
        public synchronized AutoCloseable watch(long fromRevision, Listener listener) {
            watchedFrom.add(fromRevision);
            if (fromRevision < compactedBelow) {
                listener.onCompacted(compactedBelow);
                return () -> { };
            }
            List<ResourceEvent> replay = events.stream().filter(e -> e.revision() >= fromRevision).toList();
            if (!replay.isEmpty()) {
                listener.onChanges(replay);
            }
            return () -> { };
        }

        @Override
        public synchronized Listing snapshot() {
            List<Resource> live = new ArrayList<>();
            for (ResourceEvent e : events) {
                live.removeIf(r -> r.key().equals(e.key()));
                if (!e.isDelete()) {
                    live.add(e.resource());
                }
            }
            return new Listing(live, events.getLast().revision());
        }
    }

    static final class Recording implements EventSink {
        final List<ResourceEvent> published = new ArrayList<>();
        final List<Long> resyncDone = new ArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public synchronized void publish(List<ResourceEvent> events) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("broker unavailable");
            }
            published.addAll(events);
        }

        @Override
        public synchronized void publishResyncDone(long revision) {
            resyncDone.add(revision);
        }

        synchronized List<Long> revisions() {
            return published.stream().map(ResourceEvent::revision).toList();
        }
    }

    static final class Saved implements Checkpoint {
        volatile long revision;

        Saved(long revision) {
            this.revision = revision;
        }

        @Override
        public long load() {
            return revision;
        }

        @Override
        public void save(long revision) {
            this.revision = revision;
        }
    }

    private static ResourceEvent put(long revision, String name) {
        Resource profile = new Profile(new ObjectMeta(name, null, null, null, Long.toString(revision), null, null), null);
        return ResourceEvent.upsert(revision, profile, false);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }

    @Test
    void resumesAfterTheCheckpointedRevision() throws Exception {
        History history = new History();
        for (long r = 1; r <= 5; r++) {
            history.events.add(put(r, "p" + r));
        }
        Recording sink = new Recording();
        Saved checkpoint = new Saved(3);

        try (Publisher publisher = new Publisher(history, sink, checkpoint, Duration.ofMillis(10))) {
            publisher.start();
            eventually(() -> checkpoint.revision == 5);
            assertThat(publisher.publishedRevision()).isEqualTo(5);
            assertThat(publisher.lag()).isZero();
        }
        assertThat(history.watchedFrom.getFirst()).isEqualTo(4);
        assertThat(sink.revisions()).containsExactly(4L, 5L);
    }

    @Test
    void aFailedSendIsRetriedFromTheLastPublishedRevisionWithoutGapsOrDuplicates() throws Exception {
        History history = new History();
        history.events.add(put(1, "a"));
        history.events.add(put(2, "b"));
        Recording sink = new Recording();
        sink.failuresLeft.set(2);
        Saved checkpoint = new Saved(0);

        try (Publisher publisher = new Publisher(history, sink, checkpoint, Duration.ofMillis(10))) {
            publisher.start();
            eventually(() -> checkpoint.revision == 2);
        }
        assertThat(sink.revisions()).containsExactly(1L, 2L);
        assertThat(history.watchedFrom).hasSizeGreaterThanOrEqualTo(3).allMatch(from -> from == 1);
    }

    @Test
    void compactedHistoryIsReplacedByAResyncSnapshot() throws Exception {
        History history = new History();
        history.events.add(put(1, "a"));
        history.events.add(put(2, "b"));
        history.events.add(ResourceEvent.deleted(3, new ResourceKey(Kind.PROFILE, null, "a")));
        history.events.add(put(4, "c"));
        history.compactedBelow = 3;
        Recording sink = new Recording();
        Saved checkpoint = new Saved(1);

        try (Publisher publisher = new Publisher(history, sink, checkpoint, Duration.ofMillis(10))) {
            publisher.start();
            eventually(() -> checkpoint.revision == 4);
        }
        assertThat(sink.published).allMatch(ResourceEvent::resync);
        assertThat(sink.published).extracting(e -> e.key().name()).containsExactlyInAnyOrder("b", "c");
        assertThat(sink.resyncDone).containsExactly(4L);
        assertThat(history.watchedFrom).containsExactly(2L, 5L);
    }

    @Test
    void changesQueuedDuringASendArePublishedTogetherWithOneCheckpoint() throws Exception {
        List<ChangeFeed.Listener> listeners = new ArrayList<>();
        ChangeFeed live = new ChangeFeed() {
            @Override
            public AutoCloseable watch(long fromRevision, Listener listener) {
                listeners.add(listener);
                return () -> { };
            }

            @Override
            public Listing snapshot() {
                throw new UnsupportedOperationException("no compaction in this test");
            }
        };
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<List<Long>> sends = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventSink slowFirstSend = new EventSink() {
            @Override
            public void publish(List<ResourceEvent> events) {
                sends.add(events.stream().map(ResourceEvent::revision).toList());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void publishResyncDone(long revision) {
                throw new AssertionError("no resync expected");
            }
        };
        List<Long> saved = new java.util.concurrent.CopyOnWriteArrayList<>();
        Checkpoint checkpoint = new Checkpoint() {
            @Override
            public long load() {
                return 0;
            }

            @Override
            public void save(long revision) {
                saved.add(revision);
            }
        };

        try (Publisher publisher = new Publisher(live, slowFirstSend, checkpoint, Duration.ofMillis(10))) {
            publisher.start();
            eventually(() -> listeners.size() == 1);
            listeners.getFirst().onChanges(List.of(put(1, "a")));
            eventually(() -> sends.size() == 1);
            for (long r = 2; r <= 4; r++) {
                listeners.getFirst().onChanges(List.of(put(r, "p" + r)));
            }
            assertThat(publisher.lag()).isEqualTo(4);
            release.countDown();
            eventually(() -> publisher.publishedRevision() == 4);
        }
        assertThat(sends).containsExactly(List.of(1L), List.of(2L, 3L, 4L));
        assertThat(saved).containsExactly(1L, 4L);
    }
}
