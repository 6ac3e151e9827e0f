package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a table-driven engine test: the whole datastore, and what every node should then hold
 * (as {@link NodeSummary} lines; a node not listed must hold nothing).
 */
record EngineState(String name, List<Resource> resources, Map<String, List<String>> nodes) {

    static final EngineState EMPTY = new EngineState("empty", List.of(), Map.of());

    EngineState {
        resources = List.copyOf(resources);
        nodes = Map.copyOf(nodes);
    }

    /** The updates that turn {@code from}'s datastore into this one: deletions first, then changes. */
    List<Update> deltasFrom(EngineState from) {
        Map<ResourceKey, Resource> before = byKey(from.resources);
        Map<ResourceKey, Resource> after = byKey(resources);
        List<Update> out = new ArrayList<>();
        for (ResourceKey k : before.keySet()) {
            if (!after.containsKey(k)) {
                out.add(Update.deleted(k));
            }
        }
        for (Map.Entry<ResourceKey, Resource> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                out.add(Update.of(e.getValue()));
            }
        }
        return out;
    }

    private static Map<ResourceKey, Resource> byKey(List<Resource> resources) {
        Map<ResourceKey, Resource> m = new LinkedHashMap<>();
        resources.forEach(r -> m.put(r.key(), r));
        return m;
    }
}
