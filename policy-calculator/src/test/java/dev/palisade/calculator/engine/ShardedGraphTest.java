package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.SharedReferences;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calculators sharing the dataplane partitions, each flushing at its own moments, one of them dying mid-stream
 * and another taking its partition over (seeded from the topic, as after a rebalance): each publishes only the
 * streams it owns, no node stream gets a barrier revision twice or backwards, and the topic ends equal to what
 * one calculator publishes — with every node's barriers satisfiable (the shared barrier at least as new as the
 * shared revision each node barrier needs) and every closure complete.
 */
class ShardedGraphTest {

    private static final int NODES = 6;
    private static final int PARTITIONS = 3;

    /** The dataplane topic as a list of records per partition, in publication order. */
    private static final class Topic {
        final Map<Integer, List<DataplaneMessage>> partitions = new HashMap<>();

        DataplaneSink sink(Shard shard) {
            return (node, batch) -> {
                for (DataplaneMessage m : batch) {
                    int p = m.key().partition(shard.partitions());
                    assertThat(shard.owned()).as("%s published by a calculator owning %s", m.key(), shard.owned())
                            .contains(p);
                    partitions.computeIfAbsent(p, k -> new ArrayList<>()).add(m);
                }
            };
        }

        /** Latest value per key, tombstones removed. */
        Map<DataplaneKey, DataplaneEntry> compacted() {
            Map<DataplaneKey, DataplaneEntry> state = new HashMap<>();
            partitions.values().forEach(records -> records.forEach(m -> {
                if (m.isTombstone()) {
                    state.remove(m.key());
                } else {
                    state.put(m.key(), m.entry());
                }
            }));
            return state;
        }

        /** Every node barrier revision, per node, in publication order. */
        Map<String, List<Long>> nodeBarriers() {
            Map<String, List<Long>> out = new HashMap<>();
            partitions.values().forEach(records -> records.stream()
                    .filter(m -> !m.key().isShared() && m.key().type() == EntryType.BARRIER)
                    .forEach(m -> out.computeIfAbsent(m.key().node(), k -> new ArrayList<>())
                            .add(((BatchBarrier) m.entry()).revision())));
            return out;
        }
    }

    private record Instance(Shard shard, CalcGraph graph) {
    }

    @Test
    void shardedCalculatorsPublishWhatOneCalculatorPublishes() {
        int handedOver = 0;
        for (long seed = 1; seed <= 120; seed++) {
            RandomWorlds worlds = new RandomWorlds(seed);
            Random random = worlds.random();
            Map<ResourceKey, Resource> store = new LinkedHashMap<>();
            worlds.world(NODES, 10, 8).forEach(r -> store.put(r.key(), r));

            Topic topic = new Topic();
            List<Instance> instances = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                instances.add(start(topic, new Shard(PARTITIONS, Set.of(p)), store, Map.of()));
            }
            long revision = 1;
            instances.forEach(i -> i.graph().flush(1));
            int dies = 1 + random.nextInt(PARTITIONS - 1);
            for (int step = 0; step < 40; step++) {
                ResourceKey key = new ArrayList<>(store.keySet()).get(random.nextInt(store.size()));
                Update update;
                if (random.nextInt(5) == 0) {
                    store.remove(key);
                    update = Update.deleted(key);
                } else {
                    Resource changed = worlds.mutate(store.get(key), NODES);
                    store.put(key, changed);
                    update = Update.of(changed);
                }
                revision++;
                for (Instance i : instances) {
                    i.graph().onUpdate(update);
                    if (random.nextInt(3) == 0) {
                        i.graph().flush(revision);
                    }
                }
                if (step == 20) {
                    // instance `dies` is gone (kill -9); instance 0 is assigned its partition and rebuilds
                    Set<Integer> taken = new java.util.HashSet<>(instances.get(0).shard().owned());
                    taken.addAll(instances.get(dies).shard().owned());
                    instances.set(0, start(topic, new Shard(PARTITIONS, taken), store, topic.compacted()));
                    instances.remove(dies);
                    instances.get(0).graph().flush(revision);
                    handedOver++;
                }
            }
            long last = ++revision;
            instances.forEach(i -> i.graph().flush(last));

            Topic single = new Topic();
            Instance one = start(single, Shard.ALL, store, Map.of());
            one.graph().flush(last);
            assertThat(withoutBarriers(topic.compacted())).as("seed %d", seed)
                    .isEqualTo(withoutBarriers(single.compacted()));
            long s = seed;
            topic.nodeBarriers().forEach((node, revisions) -> assertThat(revisions)
                    .as("seed %d: barrier revisions of node %s", s, node).isSorted().doesNotHaveDuplicates());
            assertDriversCanApply(seed, topic.compacted());
        }
        assertThat(handedOver).isEqualTo(120);
    }

    /**
     * Untracked policy is named only by non-wildcard endpoints: the shared stream's owner must know it for an
     * endpoint whose list it does not hold (another calculator's node).
     */
    @Test
    void theSharedOwnerKnowsWhetherAnotherCalculatorsWildcardEndpointNamesAnUntrackedPolicy() {
        String node = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "node-" + i)
                .filter(n -> DataplaneKey.partitionFor(n, 2) == 1).findFirst().orElseThrow();
        String policy = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: raw}
                spec:
                  selector: role == 'edge'
                  doNotTrack: true
                  applyOnForward: true
                  ingress: [{action: Allow}]
                """;
        String hep = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: edge-1, labels: {role: edge}}
                spec: {node: %s, interfaceName: '%s', expectedIPs: [198.18.0.1]}
                """;
        Topic single = new Topic();
        Topic sharded = new Topic();
        Instance one = start(single, Shard.ALL, Map.of(), Map.of());
        List<Instance> two = List.of(start(sharded, new Shard(2, Set.of(0)), Map.of(), Map.of()),
                start(sharded, new Shard(2, Set.of(1)), Map.of(), Map.of()));
        DataplaneKey raw = DataplaneKey.shared(EntryType.POLICY, "gnp/raw");
        long revision = 0;
        for (String step : List.of(policy, hep.formatted(node, "*"), hep.formatted(node, "eth0"),
                hep.formatted(node, "*"))) {
            long r = ++revision;
            Resources.yaml(step).forEach(res -> {
                one.graph().onUpdate(Update.of(res));
                two.forEach(i -> i.graph().onUpdate(Update.of(res)));
            });
            one.graph().flush(r);
            two.forEach(i -> i.graph().flush(r));
            assertThat(withoutBarriers(sharded.compacted())).as("after step %d", r)
                    .isEqualTo(withoutBarriers(single.compacted()));
            assertThat(sharded.compacted().containsKey(raw)).as("%s published after step %d", raw, r)
                    .isEqualTo(r == 3);
        }
    }

    @Test
    void aCalculatorOwningNoPartitionPublishesNothing() {
        RandomWorlds worlds = new RandomWorlds(3);
        Topic topic = new Topic();
        Map<ResourceKey, Resource> store = new LinkedHashMap<>();
        worlds.world(NODES, 10, 8).forEach(r -> store.put(r.key(), r));
        Instance idle = start(topic, new Shard(PARTITIONS, Set.of()), store, Map.of());
        assertThat(idle.graph().flush(1)).isZero();
        assertThat(topic.partitions).isEmpty();
    }

    /** A calculator started after a rebalance: seeded with what the topic holds, then fed every resource. */
    private static Instance start(Topic topic, Shard shard, Map<ResourceKey, Resource> store,
                                  Map<DataplaneKey, DataplaneEntry> published) {
        CalcGraph graph = CalcGraphFactory.create(topic.sink(shard), shard, (key, errors) -> { });
        published.forEach((k, v) -> graph.seedPublished(new DataplaneMessage(k, v)));
        store.values().forEach(r -> graph.onUpdate(Update.of(r)));
        return new Instance(shard, graph);
    }

    private static Map<DataplaneKey, DataplaneEntry> withoutBarriers(Map<DataplaneKey, DataplaneEntry> state) {
        Map<DataplaneKey, DataplaneEntry> out = new HashMap<>(state);
        out.keySet().removeIf(k -> k.type() == EntryType.BARRIER);
        return out;
    }

    /**
     * What a driver replaying the topic needs to apply its node: the shared barrier at least as new as the
     * shared revision its node barrier names, and every shared entry its endpoints reach.
     */
    private static void assertDriversCanApply(long seed, Map<DataplaneKey, DataplaneEntry> state) {
        DataplaneEntry sharedBarrier = state.get(DataplaneKey.shared(EntryType.BARRIER, BatchBarrier.ID));
        long sharedRevision = sharedBarrier == null ? 0 : ((BatchBarrier) sharedBarrier).revision();
        Map<String, List<DataplaneEntry>> own = new HashMap<>();
        state.forEach((k, v) -> {
            if (!k.isShared()) {
                own.computeIfAbsent(k.node(), n -> new ArrayList<>()).add(v);
            }
        });
        own.forEach((node, entries) -> {
            BatchBarrier barrier = (BatchBarrier) state.get(new DataplaneKey(node, EntryType.BARRIER, BatchBarrier.ID));
            assertThat(barrier).as("seed %d: node %s has a barrier", seed, node).isNotNull();
            assertThat(sharedRevision).as("seed %d: shared barrier for node %s", seed, node)
                    .isGreaterThanOrEqualTo(barrier.sharedRevision());
            assertThat(SharedReferences.closure(entries, k -> state.get(k)).complete())
                    .as("seed %d: closure of node %s", seed, node).isTrue();
        });
    }
}
