package dev.palisade.hepcontroller.adapter.runtime;

import dev.palisade.hepcontroller.core.ReconcileResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/** Prometheus meters: reconcile outcomes, failures, sync duration, leadership, queue depth, sync state. */
final class ControllerMetrics {

    private final Counter created;
    private final Counter updated;
    private final Counter noop;
    private final Counter deleted;
    private final Counter failures;
    private final Timer syncs;

    ControllerMetrics(MeterRegistry registry, Supplier<Number> leader, Supplier<Number> queueDepth,
                      Supplier<Number> inSync) {
        created = result(registry, "created");
        updated = result(registry, "updated");
        noop = result(registry, "noop");
        deleted = result(registry, "deleted");
        failures = Counter.builder("palisade.hepcontroller.reconcile.failures")
                .description("work keys whose reconcile failed (retried by a full sync)").register(registry);
        syncs = Timer.builder("palisade.hepcontroller.sync").description("time to handle one work key")
                .register(registry);
        registry.gauge("palisade.hepcontroller.leader", leader, s -> s.get().doubleValue());
        registry.gauge("palisade.hepcontroller.queue.depth", queueDepth, s -> s.get().doubleValue());
        registry.gauge("palisade.hepcontroller.in.sync", inSync, s -> s.get().doubleValue());
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

    void failed() {
        failures.increment();
    }

    void synced(Duration took) {
        syncs.record(took);
    }
}
