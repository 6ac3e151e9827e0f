package dev.palisade.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A bounded least-recently-used cache; not thread-safe (one per command run). */
final class LruCache<K, V> {

    private final Map<K, V> entries;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        return entries.computeIfAbsent(key, compute);
    }

    int size() {
        return entries.size();
    }
}
