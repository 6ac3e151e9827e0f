package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random worlds, random change sequences: applying the changes incrementally (with random flush points)
 * publishes the same per-node state as a cold start on the final datastore, and a restarted calculator that
 * is told what is already on the topic publishes nothing.
 */
class IncrementalEqualsColdStartTest {

    private static final int NODES = 4;

    @Test
    void incrementalEqualsColdStartAndRestartPublishesNothing() {
        int nonTrivial = 0;
        for (long seed = 1; seed <= 150; seed++) {
            RandomWorlds worlds = new RandomWorlds(seed);
            Random random = worlds.random();
            Map<ResourceKey, Resource> store = new LinkedHashMap<>();
            worlds.world(NODES, 8, 8).forEach(r -> store.put(r.key(), r));

            RecordingDataplane dp = new RecordingDataplane();
            CalcGraph graph = CalcGraphFactory.create(dp);
            store.values().forEach(r -> graph.onUpdate(Update.of(r)));
            long revision = 1;
            graph.flush(revision);
            for (int step = 0; step < 40; step++) {
                List<ResourceKey> keys = new ArrayList<>(store.keySet());
                ResourceKey key = keys.get(random.nextInt(keys.size()));
                if (random.nextInt(5) == 0) {
                    Resource removed = store.remove(key);
                    graph.onUpdate(Update.deleted(key));
                    if (random.nextBoolean()) {
                        store.put(key, removed);
                        graph.onUpdate(Update.of(removed));
                    }
                } else {
                    Resource changed = worlds.mutate(store.get(key), NODES);
                    store.put(key, changed);
                    graph.onUpdate(Update.of(changed));
                }
                if (random.nextInt(3) == 0) {
                    graph.flush(++revision);
                }
            }
            graph.flush(++revision);

            RecordingDataplane cold = new RecordingDataplane();
            CalcGraph fresh = CalcGraphFactory.create(cold);
            store.values().forEach(r -> fresh.onUpdate(Update.of(r)));
            fresh.flush(revision);
            assertThat(dp.all()).as("seed %d", seed).isEqualTo(cold.all());
            if (cold.all().values().stream().anyMatch(s -> s.size() > 3)) {
                nonTrivial++;
            }

            List<DataplaneMessage> published = new ArrayList<>();
            CalcGraph restarted = CalcGraphFactory.create((node, batch) -> published.addAll(batch));
            dp.all().forEach((node, state) -> state.forEach((k, v) ->
                    restarted.seedPublished(new DataplaneMessage(k, v))));
            store.values().forEach(r -> restarted.onUpdate(Update.of(r)));
            assertThat(restarted.flush(revision)).as("restart of seed %d republishes nothing", seed).isZero();
            assertThat(published).isEmpty();
        }
        assertThat(nonTrivial).as("worlds with real content").isGreaterThan(100);
    }

    @Test
    void restartTombstonesWhatIsNoLongerDesired() {
        RandomWorlds worlds = new RandomWorlds(7);
        List<Resource> world = worlds.world(NODES, 6, 6);
        RecordingDataplane dp = new RecordingDataplane();
        CalcGraph graph = CalcGraphFactory.create(dp);
        world.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(1);

        // The calculator died; meanwhile every endpoint on the topic's first node was deleted.
        String node = dp.all().keySet().iterator().next();
        CalcGraph restarted = CalcGraphFactory.create(dp);
        dp.all().forEach((n, state) -> state.forEach((k, v) -> restarted.seedPublished(new DataplaneMessage(k, v))));
        world.stream().filter(r -> !(r instanceof dev.palisade.model.resource.HostEndpoint h && h.spec().node().equals(node)))
                .forEach(r -> restarted.onUpdate(Update.of(r)));
        restarted.flush(2);
        assertThat(dp.state(node)).isEmpty();
    }
}
