package dev.palisade.calculator.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * How many users each key has; a key with none is absent. Counts are mutable cells, not boxed integers: the
 * policy-use count alone changes tens of millions of times in a cold start at 100k endpoints.
 */
final class UseCounts<K> {

    private final Map<K, int[]> counts = new HashMap<>();

    /** Adds {@code delta} to the key's count and returns the new count (0: the key is gone). */
    int change(K key, int delta) {
        int[] cell = counts.get(key);
        if (cell == null) {
            cell = new int[1];
            counts.put(key, cell);
        }
        cell[0] += delta;
        if (cell[0] == 0) {
            counts.remove(key);
        }
        return cell[0];
    }

    boolean contains(K key) {
        return counts.containsKey(key);
    }
}
