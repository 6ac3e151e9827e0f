package dev.palisade.calculator.adapter;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.model.event.ResourceStreamReader;
import dev.palisade.model.resource.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters, named after Felix's ({@code felix_calc_graph_update_time_seconds},
 * {@code felix_active_local_endpoints}, ...). The engine is single-threaded, so its sizes are published as a
 * snapshot taken on the engine thread after every flush rather than read from the scrape thread.
 */
final class CalculatorMetrics {

    private static final CalcGraph.Stats EMPTY = new CalcGraph.Stats(0, 0, 0, 0, 0, 0);

    private final MeterRegistry registry;
    private final Map<Kind, Timer> updateTimes = new EnumMap<>(Kind.class);
    private final Map<ResourceStreamReader.Outcome, Counter> events = new EnumMap<>(ResourceStreamReader.Outcome.class);
    private final Counter undecodable;
    private final Counter invalid;
    private final Timer flushTime;
    private final DistributionSummary nodeMessages;
    private final DistributionSummary resourceBatch;
    private final Timer lag;
    private volatile CalcGraph.Stats stats = EMPTY;
    private volatile boolean inSync;
    private volatile long revision;

    CalculatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ResourceStreamReader.Outcome outcome : ResourceStreamReader.Outcome.values()) {
            events.put(outcome, eventCounter(outcome.name().toLowerCase()));
        }
        undecodable = eventCounter("undecodable");
        invalid = Counter.builder("palisade.calc.invalid.resources")
                .description("resource updates withdrawn because they fail validation").register(registry);
        flushTime = Timer.builder("palisade.calc.graph.flush.time")
                .description("time to recompute dirty state and hand the batches to the producer").register(registry);
        nodeMessages = DistributionSummary.builder("palisade.calc.node.messages")
                .description("records in one node's batch on palisade.dataplane, barrier included").register(registry);
        resourceBatch = DistributionSummary.builder("palisade.calc.resource.batch")
                .description("resource records read in one poll and published in one flush").register(registry);
        lag = Timer.builder("palisade.calc.publish.lag")
                .description("from ingest-service publishing a resource record (its Kafka timestamp) to the "
                        + "calculator having published the resulting dataplane batches")
                .serviceLevelObjectives(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(25),
                        java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(250),
                        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(30))
                .register(registry);
        gauge("palisade.calc.active.endpoints", "host endpoints in the graph", s -> s.endpoints());
        gauge("palisade.calc.active.policies", "policies used by at least one endpoint", s -> s.activePolicies());
        gauge("palisade.calc.active.profiles", "profiles used by at least one endpoint", s -> s.activeProfiles());
        gauge("palisade.calc.active.selectors", "selectors indexed", s -> s.selectors());
        gauge("palisade.calc.active.ipsets", "IP sets needed by active rules", s -> s.ipSets());
        gauge("palisade.calc.nodes", "nodes with desired state that this calculator publishes", s -> s.nodes());
        Gauge.builder("palisade.calc.in.sync", this, m -> m.inSync ? 1 : 0)
                .description("1 once the resource topic was read to the end offsets seen at start")
                .strongReference(true).register(registry);
        Gauge.builder("palisade.calc.resource.revision", this, m -> m.revision)
                .description("highest resource revision applied").strongReference(true).register(registry);
    }

    private Counter eventCounter(String outcome) {
        return Counter.builder("palisade.calc.resource.events").tag("outcome", outcome)
                .description("records read from palisade.resources by outcome").register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<CalcGraph.Stats> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.stats)).description(description)
                .strongReference(true).register(registry);
    }

    Timer updateTime(Kind kind) {
        return updateTimes.computeIfAbsent(kind, k -> Timer.builder("palisade.calc.graph.update.time")
                .tag("kind", k.kindName()).description("time the graph takes for one resource update")
                .register(registry));
    }

    Timer flushTime() {
        return flushTime;
    }

    void event(ResourceStreamReader.Outcome outcome) {
        events.get(outcome).increment();
    }

    void undecodable() {
        undecodable.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void batch(int records) {
        nodeMessages.record(records);
    }

    /** A live flush of {@code records} resource records went out; the oldest was produced at {@code oldestMillis}. */
    void published(int records, long oldestMillis) {
        resourceBatch.record(records);
        lag.record(Math.max(0, System.currentTimeMillis() - oldestMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void snapshot(CalcGraph.Stats current, boolean synced, long appliedRevision) {
        stats = current;
        inSync = synced;
        revision = appliedRevision;
    }

    /** Between sessions: nothing is known until the next one has read the topics. */
    void reset() {
        snapshot(EMPTY, false, 0);
    }

    boolean inSync() {
        return inSync;
    }
}
