package dev.palisade.bench;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.LockoutGuardSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;
import dev.palisade.model.semantics.LockoutCheck;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code bench/run guard}: what the lockout guard adds to a write at 10,000 host endpoints over 1,000 nodes
 * and 2,000 policies, one protected flow reaching every endpoint — model's {@code LockoutCheck} alone (the
 * simulation; ingest adds the etcd listing of the simulator's kinds). One series per write kind, from the
 * narrowest (a policy, a host endpoint, one node's FelixConfiguration) to those every endpoint may feel (a
 * tier's order, a tier's default action, the default failsafe ports). p50/p99 of the wall time after a
 * warm-up, and the p50 of the CPU the check used; ends with one {@code RESULT} line carrying the machine's
 * load average.
 */
public final class GuardBenchMain {

    private static final int NODES = 1_000;
    private static final int HEPS_PER_NODE = 10;
    private static final int POLICIES = 2_000;
    private static final int RUNS = Integer.getInteger("palisade.bench.runs", 30);
    private static final ResourceCodec CODEC = new ResourceCodec();
    /** The CPU this thread used, beside the wall time: on a shared machine the two differ by the load. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GuardBenchMain() {
    }

    public static void main(String[] args) {
        CalcWorld world = new CalcWorld(19, NODES, HEPS_PER_NODE);
        List<Resource> stored = new ArrayList<>(world.resources(POLICIES, 100));
        // as in any cluster that guards a flow: a policy lets it in (else it is cut already and nothing can cut it)
        stored.add(CODEC.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: bastion-admin}
                spec:
                  tier: security
                  order: 0
                  selector: has(host)
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, source: {nets: [198.19.15.254/32]}, destination: {ports: [2222]}}]
                """));
        stored.add(new LockoutGuard(ObjectMeta.named("default"), new LockoutGuardSpec(List.of(
                new LockoutGuardSpec.ProtectedFlow("bastion-admin", Protocol.TCP,
                        new EntityRule(List.of("198.19.15.254/32"), null, null, null, null, null, null, null, null),
                        new EntityRule(null, null, "has(host)", null, null, null, null, List.of(Port.single(2222)),
                                null))))));
        GlobalNetworkPolicy policy = (GlobalNetworkPolicy) stored.stream()
                .filter(r -> r.metadata().name().equals("gnp-7")).findFirst().orElseThrow();
        HostEndpoint hep = (HostEndpoint) stored.stream()
                .filter(r -> r.metadata().name().equals("node-7-eth0")).findFirst().orElseThrow();
        // run i writes a resource that differs from run i-1's, as a stream of edits would
        Map<String, IntFunction<Resource>> writes = new LinkedHashMap<>();
        writes.put("gnp", i -> world.policy("gnp-7", policy.spec().selector()));
        writes.put("hep", i -> hep.withMetadata(hep.metadata().withLabels(extra(hep.metadata().labels(), i))));
        writes.put("felixConfig", i -> felix("node.node-7", "logPrefix: bench-" + i));
        writes.put("tier", i -> new Tier(ObjectMeta.named("platform"), new TierSpec(201.0 + i, TierSpec.TierAction.Deny)));
        writes.put("tierDefaultAction", i -> new Tier(ObjectMeta.named("security"),
                new TierSpec(100.0, i % 2 == 0 ? TierSpec.TierAction.Deny : TierSpec.TierAction.Pass)));
        writes.put("defaultFailsafePorts", i -> felix("default",
                "failsafeInboundHostPorts: [{protocol: TCP, port: " + (i % 2 == 0 ? 2222 : 22) + "}]"));

        long built = System.nanoTime();
        LockoutCheck check = LockoutCheck.of(stored);
        double buildMs = (System.nanoTime() - built) / 1e6;
        // the first write that reaches every endpoint works out the state's indexes; the runs below reuse them
        Resource first = writes.get("defaultFailsafePorts").apply(0);
        long cold = System.nanoTime();
        check.cuts(first.key(), first);
        double coldMs = (System.nanoTime() - cold) / 1e6;
        System.err.printf(Locale.ROOT, "state: built in %.1f ms, first check reaching every endpoint %.1f ms%n",
                buildMs, coldMs);
        List<String> kinds = List.of(System.getProperty("palisade.bench.kinds", String.join(",", writes.keySet()))
                .split(","));
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"bench\":\"guard\",\"heps\":%d,\"gnps\":%d,\"flows\":1,\"stateBuildMs\":%.1f,"
                + "\"firstGlobalCheckMs\":%.1f", NODES * HEPS_PER_NODE, POLICIES, buildMs, coldMs));
        for (var w : writes.entrySet()) {
            if (!kinds.contains(w.getKey())) {
                continue;
            }
            double[] ms = new double[RUNS];
            double[] cpuMs = new double[RUNS];
            int maxCuts = 0;
            for (int i = -3; i < RUNS; i++) {
                Resource written = w.getValue().apply(i + 3);
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                int cuts = check.cuts(written.key(), written).size();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - start) / 1e6;
                    cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
                    maxCuts = Math.max(maxCuts, cuts);
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            System.err.printf(Locale.ROOT, "%-22s p50 %8.1f ms  p99 %8.1f ms  (CPU p50 %.1f ms; %d runs, up to %d cuts)%n",
                    w.getKey(), p50(ms), p99(ms), p50(cpuMs), RUNS, maxCuts);
            json.append(String.format(Locale.ROOT, ",\"%s\":{\"p50Ms\":%.1f,\"p99Ms\":%.1f,\"cpuP50Ms\":%.1f,"
                    + "\"runs\":%d,\"maxCuts\":%d}", w.getKey(), p50(ms), p99(ms), p50(cpuMs), RUNS, maxCuts));
        }
        json.append(String.format(Locale.ROOT, ",\"loadAverage\":%.2f,\"cores\":%d}",
                Machine.loadAverage(),
                Runtime.getRuntime().availableProcessors()));
        System.out.println("RESULT " + json);
    }

    private static double p50(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p99(double[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    private static Resource felix(String name, String spec) {
        return CODEC.decodeSingle("apiVersion: projectcalico.org/v3\nkind: FelixConfiguration\nmetadata: {name: "
                + name + "}\nspec: {" + spec + "}\n");
    }

    private static Map<String, String> extra(Map<String, String> labels, int run) {
        Map<String, String> out = new HashMap<>(labels);
        out.put("bench", "x" + run);
        return out;
    }
}
