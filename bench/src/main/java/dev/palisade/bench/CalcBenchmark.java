package dev.palisade.bench;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start on the whole cluster, and the compute cost of single incremental updates (update + flush,
 * publishing into a counting sink: serialisation and Kafka are not part of it).
 */
public class CalcBenchmark {

    static final int NODES = 1_000;
    static final int HEPS_PER_NODE = 10;
    static final int POLICIES = 2_000;
    static final int NETWORK_SETS = 200;

    static List<Resource> world() {
        return new CalcWorld(42, NODES, HEPS_PER_NODE).resources(POLICIES, NETWORK_SETS);
    }

    static CalcGraph coldStart(List<Resource> world, long[] records) {
        CalcGraph graph = CalcGraphFactory.create((node, batch) -> records[0] += batch.size());
        for (Resource r : world) {
            graph.onUpdate(Update.of(r));
        }
        graph.flush(1);
        return graph;
    }

    @State(Scope.Benchmark)
    public static class World {
        List<Resource> resources;

        @Setup(Level.Trial)
        public void build() {
            resources = world();
        }
    }

    @Benchmark
    public long coldStart(World world) {
        long[] records = new long[1];
        coldStart(world.resources, records);
        return records[0];
    }

    /** A warm graph over the whole cluster, plus the toggles each incremental benchmark flips. */
    @State(Scope.Benchmark)
    public static class Warm {
        CalcGraph graph;
        long revision = 2;
        long[] records = new long[1];
        CalcWorld generator;
        HostEndpoint hep;
        HostEndpoint hepRelabelled;
        GlobalNetworkPolicy policy;
        GlobalNetworkPolicy policyReselected;
        GlobalNetworkSet networkSet;
        GlobalNetworkSet networkSetMoved;
        List<Resource> addedNode;
        int flips;

        @Setup(Level.Trial)
        public void build() {
            List<Resource> world = world();
            graph = coldStart(world, records);
            Map<String, Resource> byName = new HashMap<>();
            world.forEach(r -> byName.put(r.metadata().name(), r));
            hep = (HostEndpoint) byName.get("node-17-eth3");
            Map<String, String> labels = new HashMap<>(hep.metadata().labels());
            labels.put("app", "app-" + (Integer.parseInt(labels.get("app").substring(4)) + 1) % CalcWorld.APPS);
            hepRelabelled = new HostEndpoint(hep.metadata().withLabels(labels), hep.spec());
            policy = (GlobalNetworkPolicy) byName.get("gnp-123");
            policyReselected = new GlobalNetworkPolicy(policy.metadata(), new dev.palisade.model.resource.GlobalNetworkPolicySpec(
                    policy.spec().tier(), policy.spec().order(), "app == 'app-7'", policy.spec().types(),
                    policy.spec().ingress(), policy.spec().egress(), false, false, policy.spec().applyOnForward(),
                    null, null, null));
            generator = new CalcWorld(7, 1, HEPS_PER_NODE);
            networkSet = (GlobalNetworkSet) byName.get("gns-5");
            networkSetMoved = generator.networkSet("gns-5", 1);
        }

        long apply(Resource r) {
            graph.onUpdate(Update.of(r));
            return graph.flush(revision++);
        }

        @Setup(Level.Invocation)
        public void prepareNode() {
            addedNode = generator.node("new-node-" + flips);
        }

        @TearDown(Level.Invocation)
        public void removeNode() {
            // Only the node benchmark adds it; for the others the node is absent and this is a no-op delete.
            for (Resource r : addedNode) {
                graph.onUpdate(Update.deleted(r.key()));
            }
            graph.flush(revision++);
            flips++;
        }
    }

    @Benchmark
    public long hepLabelChange(Warm w) {
        return w.apply(w.flips % 2 == 0 ? w.hepRelabelled : w.hep);
    }

    @Benchmark
    public long gnpSelectorChange(Warm w) {
        return w.apply(w.flips % 2 == 0 ? w.policyReselected : w.policy);
    }

    @Benchmark
    public long gnsNetChange(Warm w) {
        return w.apply(w.flips % 2 == 0 ? w.networkSetMoved : w.networkSet);
    }

    @Benchmark
    public long nodeAdded(Warm w) {
        for (Resource r : w.addedNode) {
            w.graph.onUpdate(Update.of(r));
        }
        return w.graph.flush(w.revision++);
    }

}
