package dev.palisade.bench;

import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.LockoutGuardSpec;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;
import dev.palisade.model.semantics.LockoutCheck;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench/run guard}: what the lockout guard adds to a write at 10,000 host endpoints over 1,000 nodes
 * and 2,000 policies, one protected flow reaching every endpoint — model's {@code LockoutCheck} alone (the
 * simulation; ingest adds the etcd listing of the simulator's kinds). Three writes: a policy (probes only
 * the endpoints its old and new selectors pick), a host endpoint (its node's endpoints) and a tier (every
 * endpoint, the worst case). p50/p99 over repeated runs after warm-up; ends with one {@code RESULT} line.
 */
public final class GuardBenchMain {

    private static final int NODES = 1_000;
    private static final int HEPS_PER_NODE = 10;
    private static final int POLICIES = 2_000;

    private GuardBenchMain() {
    }

    public static void main(String[] args) {
        CalcWorld world = new CalcWorld(19, NODES, HEPS_PER_NODE);
        List<Resource> stored = new ArrayList<>(world.resources(POLICIES, 100));
        stored.add(new LockoutGuard(ObjectMeta.named("default"), new LockoutGuardSpec(List.of(
                new LockoutGuardSpec.ProtectedFlow("bastion-admin", Protocol.TCP,
                        new EntityRule(List.of("198.19.15.254/32"), null, null, null, null, null, null, null, null),
                        new EntityRule(null, null, "has(host)", null, null, null, null, List.of(Port.single(2222)),
                                null))))));
        GlobalNetworkPolicy policy = (GlobalNetworkPolicy) stored.stream()
                .filter(r -> r.metadata().name().equals("gnp-7")).findFirst().orElseThrow();
        HostEndpoint hep = (HostEndpoint) stored.stream()
                .filter(r -> r.metadata().name().equals("node-7-eth0")).findFirst().orElseThrow();
        Map<String, Supplier<Resource>> writes = new java.util.LinkedHashMap<>();
        writes.put("gnpWrite", () -> world.policy("gnp-7", policy.spec().selector()));
        writes.put("hepWrite", () -> hep.withMetadata(hep.metadata().withLabels(extra(hep.metadata().labels()))));
        writes.put("tierWrite", () -> new Tier(ObjectMeta.named("platform"), new TierSpec(201.0, TierSpec.TierAction.Deny)));

        StringBuilder json = new StringBuilder("{\"bench\":\"guard\",\"heps\":" + NODES * HEPS_PER_NODE
                + ",\"gnps\":" + POLICIES);
        for (var w : writes.entrySet()) {
            int runs = w.getKey().equals("tierWrite") ? 2 : 10;
            double[] ms = new double[runs];
            int cuts = 0;
            for (int i = -1; i < runs; i++) {
                Resource written = w.getValue().get();
                long start = System.nanoTime();
                cuts = LockoutCheck.cuts(stored, written.key(), written).size();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.err.printf(Locale.ROOT, "%s p50 %.1f ms%n", w.getKey(), ms[ms.length / 2]);
            json.append(String.format(Locale.ROOT, ",\"%s\":{\"p50Ms\":%.1f,\"p99Ms\":%.1f,\"runs\":%d,\"cuts\":%d}",
                    w.getKey(), ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], runs, cuts));
        }
        json.append(String.format(Locale.ROOT, ",\"loadAverage\":%.2f}",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println("RESULT " + json);
    }

    private static Map<String, String> extra(Map<String, String> labels) {
        Map<String, String> out = new HashMap<>(labels);
        out.put("bench", "x" + System.nanoTime() % 7);
        return out;
    }
}
