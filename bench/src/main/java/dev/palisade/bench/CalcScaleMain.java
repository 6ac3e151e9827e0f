package dev.palisade.bench;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Resource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code bench/run calc-scale}: the calculator at cluster scale, one world after the other (default 10k HEPs /
 * 2k GNPs, then 100k HEPs / 10k GNPs; {@code -Dpalisade.bench.worlds=heps:gnps:networkSets,...} to choose),
 * built with a fixed seed, 10 host endpoints per node. Per world: the cold start (wall and thread CPU: every
 * resource fed, then one flush), the live heap after full collections with the graph reachable, the wall time
 * of single incremental updates (update + flush; HEP label change, GNP selector change, network-set change,
 * node added, node removed: p50/p99 over 1,000 samples after 300 warm-up ones) and the sustained rate of
 * endpoint label changes through the engine (flushed every 100 updates, as the service flushes per poll, and
 * flushed after every update). Output goes into a counting sink: serialisation and Kafka are not part of it.
 * Ends with one {@code RESULT {json}} line.
 */
public final class CalcScaleMain {

    private static final int HEPS_PER_NODE = 10;
    private static final int SAMPLES = 1_000;
    private static final int WARMUP = 300;
    private static final int STREAM = 20_000;
    private static final int STREAM_BATCH = 100;

    private static final double COLD_START_TARGET_MS = 10_000;
    private static final double HEAP_TARGET_MIB = 2_048;
    private static final double P99_TARGET_US = 1_000;
    private static final double RATE_TARGET = 10_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CalcScaleMain() {
    }

    public static void main(String[] args) {
        String worlds = System.getProperty("palisade.bench.worlds", "10000:2000:200,100000:10000:1000");
        double loadBefore = Machine.loadAverage();
        StringBuilder json = new StringBuilder("{\"bench\":\"calc-scale\",\"worlds\":[");
        boolean pass = true;
        String sep = "";
        for (String w : worlds.split(",")) {
            String[] p = w.split(":");
            Figures f = run(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            System.out.println(f.json());
            json.append(sep).append(f.json());
            sep = ",";
            pass &= f.meetsTargets();
        }
        json.append("],\"loadAverageBefore\":").append(fmt(loadBefore))
                .append(",\"loadAverage\":").append(fmt(Machine.loadAverage()))
                .append(",\"targets\":{\"coldStartMs\":").append(fmt(COLD_START_TARGET_MS))
                .append(",\"heapMiB\":").append(fmt(HEAP_TARGET_MIB))
                .append(",\"p99Us\":").append(fmt(P99_TARGET_US))
                .append(",\"updatesPerSecond\":").append(fmt(RATE_TARGET))
                .append("},\"pass\":").append(pass).append('}');
        System.out.println("RESULT " + json);
    }

    private record Figures(int heps, int nodes, int gnps, int networkSets, double coldStartMs, double coldStartCpuMs,
                           double heapMiB, Map<String, double[]> updates, double updatesPerSecond,
                           double updatesPerSecondFlushEach, CalcGraph.Stats stats) {

        double worstP50() {
            return updates.values().stream().mapToDouble(u -> u[0]).max().orElse(0);
        }

        double worstP99() {
            return updates.values().stream().mapToDouble(u -> u[1]).max().orElse(0);
        }

        boolean meetsTargets() {
            return coldStartMs < COLD_START_TARGET_MS && coldStartCpuMs < COLD_START_TARGET_MS
                    && heapMiB < HEAP_TARGET_MIB && worstP99() < P99_TARGET_US && updatesPerSecond >= RATE_TARGET;
        }

        String json() {
            StringBuilder b = new StringBuilder();
            b.append("{\"heps\":").append(heps).append(",\"nodes\":").append(nodes).append(",\"gnps\":").append(gnps)
                    .append(",\"networkSets\":").append(networkSets)
                    .append(",\"coldStartMs\":").append(fmt(coldStartMs))
                    .append(",\"coldStartCpuMs\":").append(fmt(coldStartCpuMs))
                    .append(",\"heapMiB\":").append(fmt(heapMiB))
                    .append(",\"p50Us\":").append(fmt(worstP50()))
                    .append(",\"p99Us\":").append(fmt(worstP99()))
                    .append(",\"updatesPerSecond\":").append(fmt(updatesPerSecond))
                    .append(",\"updatesPerSecondFlushEach\":").append(fmt(updatesPerSecondFlushEach))
                    .append(",\"activePolicies\":").append(stats.activePolicies())
                    .append(",\"ipSets\":").append(stats.ipSets())
                    .append(",\"updates\":{");
            String sep = "";
            for (Map.Entry<String, double[]> e : updates.entrySet()) {
                b.append(sep).append('"').append(e.getKey()).append("\":{\"p50Us\":").append(fmt(e.getValue()[0]))
                        .append(",\"p99Us\":").append(fmt(e.getValue()[1])).append('}');
                sep = ",";
            }
            return b.append("},\"meetsTargets\":").append(meetsTargets()).append('}').toString();
        }
    }

    private static Figures run(int heps, int gnps, int networkSets) {
        int nodes = heps / HEPS_PER_NODE;
        List<Resource> world = new CalcWorld(42, nodes, HEPS_PER_NODE).resources(gnps, networkSets);
        long[] records = new long[1];
        CalcGraph graph = CalcGraphFactory.create((node, batch) -> records[0] += batch.size());
        System.gc();
        long wall0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (Resource r : world) {
            graph.onUpdate(Update.of(r));
        }
        graph.flush(1);
        double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        System.out.printf(Locale.ROOT, "cold start %d HEPs / %d GNPs: %.0f ms wall, %.0f ms CPU, %d records, %s%n",
                heps, gnps, wallMs, cpuMs, records[0], graph.stats());
        double heapMiB = Machine.liveHeapMiB();

        Updates u = new Updates(graph, world);
        Map<String, double[]> updates = new LinkedHashMap<>();
        updates.put("hepLabelChange", u.sample(u::hepLabelChange));
        updates.put("gnpSelectorChange", u.sample(u::gnpSelectorChange));
        updates.put("gnsNetChange", u.sample(u::gnsNetChange));
        updates.put("nodeAdded", u.sample(u::nodeAdded));
        updates.put("nodeRemoved", u.sample(u::nodeRemoved));
        double batched = u.stream(STREAM_BATCH);
        double flushEach = u.stream(1);
        return new Figures(heps, nodes, gnps, networkSets, wallMs, cpuMs, heapMiB, updates, batched, flushEach,
                graph.stats());
    }

    /** The incremental updates, each undone by the next one of its kind so the world stays the same size. */
    private static final class Updates {
        private final CalcGraph graph;
        private final Random random = new Random(7);
        private final CalcWorld generator = new CalcWorld(7, 1, HEPS_PER_NODE);
        private final List<HostEndpoint> heps = new ArrayList<>();
        private final GlobalNetworkPolicy policy;
        private final GlobalNetworkPolicy policyReselected;
        private final GlobalNetworkSet networkSet;
        private final GlobalNetworkSet networkSetMoved;
        private long revision = 2;
        private int flips;
        private List<Resource> addedNode;

        Updates(CalcGraph graph, List<Resource> world) {
            this.graph = graph;
            Map<String, Resource> byName = new HashMap<>();
            for (Resource r : world) {
                byName.put(r.metadata().name(), r);
                if (r instanceof HostEndpoint h) {
                    heps.add(h);
                }
            }
            policy = (GlobalNetworkPolicy) byName.get("gnp-123");
            GlobalNetworkPolicySpec s = policy.spec();
            policyReselected = new GlobalNetworkPolicy(policy.metadata(), new GlobalNetworkPolicySpec(s.tier(),
                    s.order(), "app == 'app-7'", s.types(), s.ingress(), s.egress(), false, false,
                    s.applyOnForward(), null, null, null));
            networkSet = (GlobalNetworkSet) byName.get("gns-5");
            networkSetMoved = generator.networkSet("gns-5", 1);
        }

        /** Times {@code update} (apply + flush), interleaved with its undo, which is not timed. */
        double[] sample(Supplier<Runnable> update) {
            double[] us = new double[SAMPLES];
            for (int i = -WARMUP; i < SAMPLES; i++) {
                long t0 = System.nanoTime();
                Runnable undo = update.get();
                long t1 = System.nanoTime();
                undo.run();
                if (i >= 0) {
                    us[i] = (t1 - t0) / 1e3;
                }
            }
            Arrays.sort(us);
            return new double[]{us[SAMPLES / 2], us[(int) Math.ceil(SAMPLES * 0.99) - 1]};
        }

        Runnable hepLabelChange() {
            HostEndpoint hep = heps.get(random.nextInt(heps.size()));
            apply(relabelled(hep));
            return () -> apply(hep);
        }

        Runnable gnpSelectorChange() {
            apply(policyReselected);
            return () -> apply(policy);
        }

        Runnable gnsNetChange() {
            apply(networkSetMoved);
            return () -> apply(networkSet);
        }

        Runnable nodeAdded() {
            List<Resource> node = generator.node("new-node-" + flips++);
            applyAll(node, false);
            return () -> applyAll(node, true);
        }

        Runnable nodeRemoved() {
            if (addedNode == null) {
                addedNode = generator.node("new-node-" + flips++);
                applyAll(addedNode, false);
            }
            List<Resource> node = addedNode;
            applyAll(node, true);
            return () -> applyAll(node, false);
        }

        /** Endpoint label changes per second, flushing after every {@code batch} of them. */
        double stream(int batch) {
            List<HostEndpoint> originals = new ArrayList<>(STREAM);
            List<HostEndpoint> changed = new ArrayList<>(STREAM);
            for (int i = 0; i < STREAM; i++) {
                HostEndpoint hep = heps.get(random.nextInt(heps.size()));
                originals.add(hep);
                changed.add(relabelled(hep));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < STREAM; i++) {
                graph.onUpdate(Update.of(changed.get(i)));
                if ((i + 1) % batch == 0) {
                    graph.flush(revision++);
                }
            }
            graph.flush(revision++);
            double rate = STREAM / ((System.nanoTime() - t0) / 1e9);
            for (HostEndpoint hep : originals) {
                graph.onUpdate(Update.of(hep));
            }
            graph.flush(revision++);
            return rate;
        }

        private HostEndpoint relabelled(HostEndpoint hep) {
            Map<String, String> labels = new HashMap<>(hep.metadata().labels());
            labels.put("app", "app-" + random.nextInt(CalcWorld.APPS));
            return new HostEndpoint(hep.metadata().withLabels(labels), hep.spec());
        }

        private void apply(Resource r) {
            graph.onUpdate(Update.of(r));
            graph.flush(revision++);
        }

        private void applyAll(List<Resource> resources, boolean delete) {
            for (Resource r : resources) {
                graph.onUpdate(delete ? Update.deleted(r.key()) : Update.of(r));
            }
            graph.flush(revision++);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
