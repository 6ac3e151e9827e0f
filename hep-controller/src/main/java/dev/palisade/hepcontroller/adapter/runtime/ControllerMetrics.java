package dev.palisade.hepcontroller.adapter.runtime;

import dev.palisade.hepcontroller.core.NodeMirror;
import dev.palisade.hepcontroller.core.ReconcileResult;
import dev.palisade.hepcontroller.core.WorkKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prometheus meters: reconcile outcomes, failures, sync duration, leadership, queue depth, sync state, and
 * failed attempts to read the resource topic.
 */
final class ControllerMetrics {

    private final Counter created;
    private final Counter updated;
    private final Counter noop;
    private final Counter deleted;
    private final Counter nodeFailures;
    private final Counter fullSyncFailures;
    private final Timer syncs;
    private final Map<NodeMirror.Change, Counter> nodeWrites = new EnumMap<>(NodeMirror.Change.class);
    /** Held here: a function counter keeps only a weak reference to its source. */
    private final Supplier<Number> readFailures;

    ControllerMetrics(MeterRegistry registry, Supplier<Number> leader, Supplier<Number> queueDepth,
                      Supplier<Number> inSync, Supplier<Number> readFailures) {
        created = result(registry, "created");
        updated = result(registry, "updated");
        noop = result(registry, "noop");
        deleted = result(registry, "deleted");
        nodeFailures = failures(registry, "node");
        fullSyncFailures = failures(registry, "full-sync");
        for (NodeMirror.Change change : NodeMirror.Change.values()) {
            if (change != NodeMirror.Change.NONE) {
                nodeWrites.put(change, Counter.builder("palisade.hepcontroller.node.source.writes")
                        .tag("change", change.name().toLowerCase(java.util.Locale.ROOT))
                        .description("Node resources written by the Kubernetes node source").register(registry));
            }
        }
        syncs = Timer.builder("palisade.hepcontroller.sync").description("time to handle one work key")
                .register(registry);
        gauge(registry, "palisade.hepcontroller.leader", "1 while this replica is the leader", leader);
        gauge(registry, "palisade.hepcontroller.queue.depth", "work keys waiting", queueDepth);
        gauge(registry, "palisade.hepcontroller.in.sync",
                "1 once the resource topic was read to its end, while the broker answers", inSync);
        this.readFailures = readFailures;
        FunctionCounter.builder("palisade.hepcontroller.read.failures", this.readFailures,
                        r -> r.get().doubleValue())
                .description("failed attempts to reach the broker or the resource topic (retried with backoff)")
                .register(registry);
    }

    /** Held strongly: Micrometer keeps only a weak reference to a gauge's source by default. */
    private static void gauge(MeterRegistry registry, String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    private static Counter failures(MeterRegistry registry, String key) {
        return Counter.builder("palisade.hepcontroller.reconcile.failures").tag("key", key)
                .description("work keys whose reconcile failed (retried by a full sync)").register(registry);
    }

    private static Counter result(MeterRegistry registry, String result) {
        return Counter.builder("palisade.hepcontroller.reconcile").tag("result", result)
                .description("host endpoint reconciles by outcome").register(registry);
    }

    void record(ReconcileResult r) {
        switch (r) {
            case ReconcileResult.Created c -> created.increment();
            case ReconcileResult.Updated u -> updated.increment();
            case ReconcileResult.Noop n -> noop.increment();
            case ReconcileResult.Deleted d -> deleted.increment();
        }
    }

    /** Node writes of the Kubernetes node source (none when nothing changed). */
    void mirrored(NodeMirror.Change change) {
        Counter counter = nodeWrites.get(change);
        if (counter != null) {
            counter.increment();
        }
    }

    void failed(WorkKey key) {
        switch (key) {
            case WorkKey.NodeKey n -> nodeFailures.increment();
            case WorkKey.FullSync f -> fullSyncFailures.increment();
        }
    }

    void synced(Duration took) {
        syncs.record(took);
    }
}
