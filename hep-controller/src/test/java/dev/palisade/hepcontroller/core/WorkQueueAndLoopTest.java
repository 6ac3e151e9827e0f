package dev.palisade.hepcontroller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkQueueAndLoopTest {

    @Test
    void aKeyAlreadyWaitingIsDroppedAndOrderIsFirstIn() throws InterruptedException {
        WorkQueue<String> q = new WorkQueue<>();
        assertThat(q.add("a")).isTrue();
        assertThat(q.add("b")).isTrue();
        assertThat(q.add("a")).isFalse();
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(q.add("a")).as("once taken, the key may come again").isTrue();
        assertThat(q.poll(Duration.ZERO)).isEqualTo("b");
        assertThat(q.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(q.poll(Duration.ofMillis(5))).isNull();
    }

    @Test
    void pollWakesUpWhenAnotherThreadAdds() throws InterruptedException {
        WorkQueue<String> q = new WorkQueue<>();
        Thread producer = new Thread(() -> q.add("late"));
        producer.start();
        assertThat(q.poll(Duration.ofSeconds(10))).isEqualTo("late");
        producer.join();
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static final class Recorder implements ReconcileLoop.Handler {
        final List<WorkKey> handled = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        WorkKey failOn;

        @Override
        public void handle(WorkKey key) {
            handled.add(key);
            if (key.equals(failOn)) {
                failOn = null;
                throw new IllegalStateException("boom");
            }
        }

        @Override
        public void failed(WorkKey key, RuntimeException error) {
            failures.add(key + ": " + error.getMessage());
        }
    }

    @Test
    void startsWithAFullSyncThenRepeatsItEveryPeriod() throws InterruptedException {
        ManualClock clock = new ManualClock();
        WorkQueue<WorkKey> q = new WorkQueue<>();
        Recorder r = new Recorder();
        ReconcileLoop loop = new ReconcileLoop(q, r, () -> true, clock, Duration.ofMinutes(5), Duration.ofSeconds(1));

        assertThat(loop.step(Duration.ZERO)).isEqualTo(WorkKey.FULL_SYNC);
        q.add(WorkKey.node("n1"));
        assertThat(loop.step(Duration.ZERO)).isEqualTo(WorkKey.node("n1"));
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(loop.step(Duration.ZERO)).isNull();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(loop.step(Duration.ZERO)).isEqualTo(WorkKey.FULL_SYNC);
        assertThat(r.handled).containsExactly(WorkKey.FULL_SYNC, WorkKey.node("n1"), WorkKey.FULL_SYNC);
    }

    @Test
    void aFailureIsReportedAndBringsTheNextFullSyncForward() throws InterruptedException {
        ManualClock clock = new ManualClock();
        WorkQueue<WorkKey> q = new WorkQueue<>();
        Recorder r = new Recorder();
        ReconcileLoop loop = new ReconcileLoop(q, r, () -> true, clock, Duration.ofMinutes(5), Duration.ofSeconds(2));
        loop.step(Duration.ZERO);
        r.failOn = WorkKey.node("n1");
        q.add(WorkKey.node("n1"));

        loop.step(Duration.ZERO);
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(loop.step(Duration.ZERO)).isNull();
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(loop.step(Duration.ZERO)).isEqualTo(WorkKey.FULL_SYNC);

        assertThat(r.failures).containsExactly(WorkKey.node("n1") + ": boom");
    }

    @Test
    void whileNotReadyKeysAreDroppedAndBecomingReadyStartsWithAFullSync() throws InterruptedException {
        ManualClock clock = new ManualClock();
        WorkQueue<WorkKey> q = new WorkQueue<>();
        Recorder r = new Recorder();
        AtomicBoolean ready = new AtomicBoolean(false);
        ReconcileLoop loop = new ReconcileLoop(q, r, ready::get, clock, Duration.ofMinutes(5), Duration.ofSeconds(1));

        q.add(WorkKey.node("n1"));
        assertThat(loop.step(Duration.ZERO)).isNull();
        assertThat(q.size()).isZero();
        ready.set(true);
        assertThat(loop.step(Duration.ZERO)).isEqualTo(WorkKey.FULL_SYNC);
        ready.set(false);
        q.add(WorkKey.node("n2"));
        assertThat(loop.step(Duration.ZERO)).isNull();
        ready.set(true);
        assertThat(loop.step(Duration.ZERO)).as("leadership regained: full sync again").isEqualTo(WorkKey.FULL_SYNC);

        assertThat(r.handled).containsExactly(WorkKey.FULL_SYNC, WorkKey.FULL_SYNC);
    }
}
