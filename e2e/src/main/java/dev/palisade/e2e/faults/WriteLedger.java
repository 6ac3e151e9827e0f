package dev.palisade.e2e.faults;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the API told the writer about each write, per resource, and so what the datastore may hold at the end.
 * Every write carries its own id (in an annotation or label), so the final state names the write that took
 * effect. An acknowledged write replaces what may be there; a write with an unknown outcome (504, a connection
 * cut mid-request) adds a possibility; a refused write adds none, and finding it in force later is a failure.
 */
final class WriteLedger {

    /** A resource's possible final states: write ids, or {@link #ABSENT}. */
    static final String ABSENT = "absent";

    enum Outcome { ACKNOWLEDGED, REFUSED, UNKNOWN }

    private final Map<String, Set<String>> possible = new LinkedHashMap<>();
    private final Map<String, Set<String>> refused = new LinkedHashMap<>();
    private final Map<Outcome, Integer> counts = new LinkedHashMap<>();

    synchronized void record(String resource, String write, Outcome outcome) {
        counts.merge(outcome, 1, Integer::sum);
        Set<String> now = possible.computeIfAbsent(resource, r -> new HashSet<>(Set.of(ABSENT)));
        switch (outcome) {
            case ACKNOWLEDGED -> {
                now.clear();
                now.add(write);
            }
            case UNKNOWN -> now.add(write);
            case REFUSED -> refused.computeIfAbsent(resource, r -> new HashSet<>()).add(write);
        }
    }

    synchronized int count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    synchronized Set<String> resources() {
        return new HashSet<>(possible.keySet());
    }

    /** What is wrong with {@code found} (a write id or {@link #ABSENT}) as the final state of {@code resource}. */
    synchronized Optional<String> check(String resource, String found) {
        Set<String> allowed = possible.getOrDefault(resource, Set.of(ABSENT));
        if (allowed.contains(found)) {
            return Optional.empty();
        }
        if (refused.getOrDefault(resource, Set.of()).contains(found)) {
            return Optional.of(resource + ": write " + found + " was refused by the API, yet it is in force");
        }
        return Optional.of(resource + ": holds " + found + ", the API's answers allow only " + sorted(allowed));
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
