package dev.palisade.ingest.adapter.status;

import dev.palisade.ingest.adapter.etcd.CommitTimes;
import dev.palisade.model.dataplane.DataplaneStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The enforcement SLI, computed here because this is where both ends meet: {@link CommitTimes} knows when etcd
 * committed a revision, and the drivers' reports say when a node enforced it. When a node reports a newer
 * enforced revision R, {@code palisade_enforcement_latency_seconds{node}} records the report's time minus R's
 * commit time. R is the revision that last changed what the node enforces (format 2), so every sample is the
 * latency of a change that node actually had to make. The report's own timestamp (the driver writes it right
 * after the kernel transaction, {@code linger.ms=0}) is used rather than the time ingest reads it, so a slow
 * status consumer does not inflate the SLI; clocks are assumed NTP-synchronised and a negative difference is
 * recorded as 0.
 *
 * <p>Per node (one series each, so cardinality = nodes): enforced revision, revisions behind the datastore
 * head, seconds since the last report that said the node enforces what it attempted, and whether it does.
 */
@ApplicationScoped
public class EnforcementMetrics {

    private final MeterRegistry registry;
    private final CommitTimes commits;
    private final Map<String, NodeView> nodes = new ConcurrentHashMap<>();

    public EnforcementMetrics(MeterRegistry registry, CommitTimes commits) {
        this.registry = registry;
        this.commits = commits;
        Gauge.builder("palisade.datastore.head.revision", commits, CommitTimes::head)
                .description("newest etcd revision this ingest-service committed or saw").register(registry);
    }

    /** What one node's driver said; called for every readable report, in the partition's order. */
    public void reported(DataplaneStatus status) {
        NodeView view = nodes.computeIfAbsent(status.node(), this::register);
        if (status.enforcedRevision() > view.enforcedRevision) {
            commits.commitMillis(status.enforcedRevision()).ifPresent(committed -> view.latency.record(
                    Math.max(0, status.reportedAtMillis() - committed), TimeUnit.MILLISECONDS));
            view.enforcedRevision = status.enforcedRevision();
        }
        view.healthy = status.healthy();
        if (status.healthy()) {
            view.lastGoodMillis = status.reportedAtMillis();
        }
    }

    private NodeView register(String node) {
        NodeView view = new NodeView(Timer.builder("palisade.enforcement.latency").tag("node", node)
                .description("etcd commit of a revision to the node's driver reporting it enforced")
                .serviceLevelObjectives(buckets()).register(registry));
        gauge("palisade.node.enforced.revision", node, view, v -> v.enforcedRevision,
                "revision the node's driver last reported enforced");
        gauge("palisade.node.revisions.behind", node, view,
                v -> v.enforcedRevision < 0 ? commits.head() : Math.max(0, commits.head() - v.enforcedRevision),
                "datastore head revision minus the node's enforced revision (revisions that did not touch the "
                        + "node count too: compare with palisade_node_healthy)");
        gauge("palisade.node.seconds.since.last.good.apply", node, view,
                v -> v.lastGoodMillis == 0 ? Double.NaN : Math.max(0, System.currentTimeMillis() - v.lastGoodMillis) / 1000.0,
                "seconds since the node's last report that it enforces what it attempted");
        gauge("palisade.node.healthy", node, view, v -> v.healthy ? 1 : 0,
                "1 when the node's last report enforces the attempted revision without error");
        return view;
    }

    private void gauge(String name, String node, NodeView view, ToDoubleFunction<NodeView> value, String description) {
        Gauge.builder(name, view, value).tag("node", node).description(description).strongReference(true)
                .register(registry);
    }

    /** 5 ms to 60 s, roughly 1-2.5-5 per decade. */
    static Duration[] buckets() {
        long[] millis = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000};
        Duration[] buckets = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            buckets[i] = Duration.ofMillis(millis[i]);
        }
        return buckets;
    }

    private static final class NodeView {
        final Timer latency;
        volatile long enforcedRevision = -1;
        volatile long lastGoodMillis;
        volatile boolean healthy;

        NodeView(Timer latency) {
            this.latency = latency;
        }
    }
}
