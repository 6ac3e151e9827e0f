package dev.palisade.hepcontroller.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The single loop that does the work: takes one key at a time from the queue and hands it to the handler,
 * which reads the current state. It also schedules the periodic full sync (drift repair), and after a failed
 * key a full sync after {@code retryDelay}. It works only while {@code ready} says so (view in sync with the
 * topic, and this replica the leader); keys taken while not ready are dropped, and becoming ready again
 * starts with a full sync.
 */
public final class ReconcileLoop {

    /** Where work goes, and where its outcome is reported (logs, metrics). */
    public interface Handler {
        void handle(WorkKey key);

        void failed(WorkKey key, RuntimeException error);
    }

    private final WorkQueue<WorkKey> queue;
    private final Handler handler;
    private final BooleanSupplier ready;
    private final Clock clock;
    private final Duration fullSyncPeriod;
    private final Duration retryDelay;
    private Instant nextFullSync;
    private boolean wasReady;

    public ReconcileLoop(WorkQueue<WorkKey> queue, Handler handler, BooleanSupplier ready, Clock clock,
                         Duration fullSyncPeriod, Duration retryDelay) {
        this.queue = queue;
        this.handler = handler;
        this.ready = ready;
        this.clock = clock;
        this.fullSyncPeriod = fullSyncPeriod;
        this.retryDelay = retryDelay;
        this.nextFullSync = clock.instant();
    }

    /** Runs until the thread is interrupted. */
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                step(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One turn: enqueue a due full sync, wait up to {@code maxWait} (or until the next full sync is due) for
     * a key and handle it. Returns the key handled, or null.
     */
    public WorkKey step(Duration maxWait) throws InterruptedException {
        boolean isReady = ready.getAsBoolean();
        Instant now = clock.instant();
        if (isReady && (!wasReady || !now.isBefore(nextFullSync))) {
            queue.add(WorkKey.FULL_SYNC);
            nextFullSync = now.plus(fullSyncPeriod);
        }
        wasReady = isReady;
        Duration untilFull = Duration.between(now, nextFullSync);
        WorkKey key = queue.poll(untilFull.isNegative() || untilFull.compareTo(maxWait) > 0 ? maxWait : untilFull);
        if (key == null || !ready.getAsBoolean()) {
            return null;
        }
        try {
            handler.handle(key);
        } catch (RuntimeException e) {
            handler.failed(key, e);
            Instant retryAt = clock.instant().plus(retryDelay);
            if (retryAt.isBefore(nextFullSync)) {
                nextFullSync = retryAt;
            }
        }
        return key;
    }
}
