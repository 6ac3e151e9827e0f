package dev.palisade.driver.sync;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.DataplaneException;
import dev.palisade.driver.core.BatchOutcome;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.RuleCounter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The driver's single thread of control: desired states and interface changes arrive from any thread and
 * are applied in order on one thread (newer input supersedes older input not yet applied); a failed apply is
 * retried with backoff; a drift check reads the kernel's table on its own thread every interval, off the
 * apply path, and a difference makes the next sync a full one that restores the table.
 */
public final class DriverLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DriverLoop.class.getName());
    /**
     * Without a reported change the table is still read every this many intervals: a change watch can miss what
     * happened while it was not running, and a read costs a few hundred milliseconds at 10,000 rules.
     */
    static final int QUIET_CHECKS_PER_READ = 6;

    private final String node;
    private final DataplaneBackend backend;
    private final Reconciler reconciler;
    private final Duration driftInterval;
    private final Consumer<DataplaneStatus> status;
    private final DriverMetrics metrics = new DriverMetrics();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "palisade-driver"));
    private final ScheduledExecutorService driftReader = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "palisade-drift-check"));

    // confined to the loop thread
    private NodeState desired;
    private List<HostInterface> interfaces;
    private boolean syncQueued;
    private ScheduledFuture<?> retry;
    private long generation;
    private String lastError;
    private long lastApplyMillis;
    private long attemptedRevision = -1;
    private int quietChecks; // drift thread only
    private long lastReportMillis;
    private List<RuleCounter> publishedCounters = List.of();
    private long countersReadAtMillis;
    private BatchOutcome.Rejected rejected; // the newest batch, when it was rejected: reported until a complete one

    public DriverLoop(String node, DataplaneBackend backend, Duration driftInterval, Consumer<DataplaneStatus> status) {
        this.node = node;
        this.backend = backend;
        this.reconciler = new Reconciler(backend);
        this.driftInterval = driftInterval;
        this.status = status;
    }

    public void start() {
        long ms = driftInterval.toMillis();
        driftReader.scheduleWithFixedDelay(this::checkDrift, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** A new complete desired state (a batch ended with its barrier). */
    public void desired(NodeState state) {
        batch(new BatchOutcome.Complete(state));
    }

    /** What a barrier ended: a complete state is enforced; a rejected batch leaves the table as it is, and is reported. */
    public void batch(BatchOutcome outcome) {
        loop.execute(() -> {
            switch (outcome) {
                case BatchOutcome.Complete complete -> {
                    rejected = null;
                    desired = complete.state();
                    queueSync();
                }
                case BatchOutcome.Rejected r -> {
                    LOG.log(Level.WARNING, r.summary());
                    rejected = r;
                    report();
                }
            }
        });
    }

    /** The node's interfaces as just read; applied only when they differ from the last read. */
    public void interfaces(List<HostInterface> current) {
        loop.execute(() -> {
            if (!current.equals(interfaces)) {
                interfaces = current;
                queueSync();
            }
        });
    }

    /** The input itself failed (the consumer stopped): reported until the next successful apply. */
    public void inputError(String error) {
        loop.execute(() -> {
            lastError = error;
            report();
        });
    }

    public DriverMetrics metrics() {
        return metrics;
    }

    /** Runs {@code task} on the loop thread and waits: lets callers read a consistent view. */
    public <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get();
    }

    private void queueSync() {
        if (!syncQueued) {
            syncQueued = true;
            loop.execute(this::sync);
        }
    }

    private void sync() {
        syncQueued = false;
        if (desired == null || interfaces == null) {
            return; // nothing to enforce before the first complete batch and the first interface read
        }
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        SyncResult result = reconciler.sync(desired, interfaces);
        metrics.record(result);
        attemptedRevision = result.revision();
        lastApplyMillis = TimeUnit.NANOSECONDS.toMillis(result.nanos());
        if (result.success()) {
            backoff.reset();
            lastError = null;
            if (result.operations() > 0) {
                generation++;
            }
        } else {
            lastError = result.error();
            Duration delay = backoff.nextDelay();
            LOG.log(Level.WARNING, "apply of revision {0} failed, retrying in {1} ms: {2}",
                    new Object[] {result.revision(), delay.toMillis(), result.error()});
            retry = loop.schedule(this::queueSync, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        report();
    }

    private void report() {
        lastReportMillis = System.currentTimeMillis();
        publish();
    }

    /** New counters go out with the last report again, its time unchanged: an apply did not happen. */
    private void countersRead(List<RuleCounter> counters, long readAtMillis) {
        countersReadAtMillis = readAtMillis;
        if (!counters.equals(publishedCounters) && lastReportMillis > 0) {
            publish();
        }
    }

    private void publish() {
        publishedCounters = metrics.ruleCounters();
        long attempted = rejected != null ? rejected.revision() : attemptedRevision;
        String error = lastError != null ? lastError : rejected != null ? rejected.summary() : null;
        status.accept(new DataplaneStatus(node, reconciler.enforcedRevision(), attempted,
                lastReportMillis, lastApplyMillis, metrics.rules(), metrics.sets(), metrics.setElements(),
                metrics.transactions(), metrics.failures(), metrics.driftRepairs(), error, publishedCounters,
                countersReadAtMillis));
    }

    /**
     * On the reader thread: the expensive read, only when the backend saw a change (or after a few quiet
     * intervals). The comparison runs on the loop, against the same generation.
     */
    private void checkDrift() {
        metrics.driftChecked();
        if (!backend.changedSinceLastRead() && ++quietChecks < QUIET_CHECKS_PER_READ) {
            return;
        }
        quietChecks = 0;
        try {
            long readGeneration = loop.submit(() -> generation).get();
            DataplaneBackend.KernelSnapshot kernel = backend.readKernel();
            // the per-rule counters ride on the listing drift needs anyway: no read of their own
            List<RuleCounter> counters = backend.ruleCounters(kernel);
            long readAt = System.currentTimeMillis();
            metrics.ruleCounters(counters);
            loop.execute(() -> countersRead(counters, readAt));
            loop.execute(() -> compare(readGeneration, kernel));
        } catch (DataplaneException e) {
            LOG.log(Level.WARNING, "drift check could not read the table: {0}", e.getMessage());
        } catch (Exception e) {
            if (!loop.isShutdown()) {
                LOG.log(Level.WARNING, "drift check failed", e);
            }
        }
    }

    private void compare(long readGeneration, DataplaneBackend.KernelSnapshot kernel) {
        if (readGeneration != generation || reconciler.needsFullSync() || desired == null || interfaces == null) {
            return; // an apply happened meanwhile, or a full sync is already due
        }
        List<String> diffs = backend.drift(kernel);
        metrics.driftCompared();
        if (!diffs.isEmpty()) {
            LOG.log(Level.WARNING, "table changed from outside, restoring: {0}", diffs);
            metrics.driftRepaired();
            reconciler.requestFullSync();
            queueSync();
        }
    }

    @Override
    public void close() {
        driftReader.shutdownNow();
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            driftReader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backend.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
