package dev.palisade.driver.sync;

import dev.palisade.model.dataplane.RuleCounter;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The driver's metrics: apply duration histogram, transactions, failures, drift repairs, and the size of
 * the table, and the per-rule counters of the last table listing. {@link #prometheusText()} renders them in the
 * Prometheus text format.
 */
public final class DriverMetrics {

    private static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS_SECONDS.length);
    private final AtomicLong applyCount = new AtomicLong();
    private final AtomicLong applyNanos = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong driftRepairs = new AtomicLong();
    private final AtomicLong driftChecks = new AtomicLong();
    private final AtomicLong driftComparisons = new AtomicLong();
    private volatile int rules;
    private volatile int sets;
    private volatile int setElements;
    private volatile List<RuleCounter> ruleCounters = List.of();

    void record(SyncResult result) {
        applyCount.incrementAndGet();
        applyNanos.addAndGet(result.nanos());
        double seconds = result.nanos() / 1e9;
        for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
            if (seconds <= BUCKETS_SECONDS[i]) {
                bucketCounts.incrementAndGet(i);
            }
        }
        if (result.success()) {
            if (result.operations() > 0) {
                transactions.incrementAndGet();
            }
            rules = result.rules();
            sets = result.sets();
            setElements = result.setElements();
        } else {
            failures.incrementAndGet();
        }
    }

    void driftRepaired() {
        driftRepairs.incrementAndGet();
    }

    void ruleCounters(List<RuleCounter> counters) {
        ruleCounters = List.copyOf(counters);
    }

    /** What the last table listing counted per policy rule. */
    public List<RuleCounter> ruleCounters() {
        return ruleCounters;
    }

    void driftChecked() {
        driftChecks.incrementAndGet();
    }

    void driftCompared() {
        driftComparisons.incrementAndGet();
    }

    /** Drift intervals elapsed (most are quiet: no read of the kernel). */
    public long driftChecks() {
        return driftChecks.get();
    }

    /** Kernel tables read and compared with what this driver applied. */
    public long driftComparisons() {
        return driftComparisons.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public long failures() {
        return failures.get();
    }

    public long driftRepairs() {
        return driftRepairs.get();
    }

    public int rules() {
        return rules;
    }

    public int sets() {
        return sets;
    }

    public int setElements() {
        return setElements;
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE palisade_driver_apply_seconds histogram\n");
        for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
            out.append(String.format(Locale.ROOT, "palisade_driver_apply_seconds_bucket{le=\"%s\"} %d%n",
                    BUCKETS_SECONDS[i], bucketCounts.get(i)));
        }
        out.append("palisade_driver_apply_seconds_bucket{le=\"+Inf\"} ").append(applyCount.get()).append('\n');
        out.append(String.format(Locale.ROOT, "palisade_driver_apply_seconds_sum %.6f%n", applyNanos.get() / 1e9));
        out.append("palisade_driver_apply_seconds_count ").append(applyCount.get()).append('\n');
        counter(out, "palisade_driver_transactions_total", transactions.get());
        counter(out, "palisade_driver_transaction_failures_total", failures.get());
        counter(out, "palisade_driver_drift_repairs_total", driftRepairs.get());
        counter(out, "palisade_driver_drift_comparisons_total", driftComparisons.get());
        gauge(out, "palisade_driver_rules", rules);
        gauge(out, "palisade_driver_sets", sets);
        gauge(out, "palisade_driver_set_elements", setElements);
        List<RuleCounter> rules = ruleCounters;
        out.append("# TYPE palisade_rule_packets_total counter\n");
        rules.forEach(r -> out.append("palisade_rule_packets_total").append(labels(r)).append(' ').append(r.packets()).append('\n'));
        out.append("# TYPE palisade_rule_bytes_total counter\n");
        rules.forEach(r -> out.append("palisade_rule_bytes_total").append(labels(r)).append(' ').append(r.bytes()).append('\n'));
        return out.toString();
    }

    private static String labels(RuleCounter r) {
        return "{tier=\"" + escape(r.tier()) + "\",policy=\"" + escape(r.policy()) + "\",direction=\"" + r.direction()
                + "\",rule=\"" + r.rule() + "\",action=\"" + r.action() + "\"}";
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void counter(StringBuilder out, String name, long value) {
        out.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, long value) {
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
