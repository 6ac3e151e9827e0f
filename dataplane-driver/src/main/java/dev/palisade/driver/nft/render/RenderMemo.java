package dev.palisade.driver.nft.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers rendered chains and sets by name together with the inputs they were rendered from, so that a
 * render after a small change re-renders (and re-hashes) only what the change touched. Inputs are compared
 * by identity, strings by value: {@code NodeState} keeps unchanged entries as the same instances, so an
 * unchanged policy costs one lookup whatever its size. Entries not used by a render are dropped after it.
 * Speed only: the output is what rendering afresh would give. Used by one thread.
 */
final class RenderMemo {

    private record Entry(List<Object> inputs, Object rendered) {
    }

    private Map<String, Entry> previous = new HashMap<>();
    private Map<String, Entry> current = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(String name, List<Object> inputs, Supplier<T> render) {
        Entry e = previous.get(name);
        if (e == null || !same(e.inputs, inputs)) {
            e = new Entry(inputs, render.get());
        }
        current.put(name, e);
        return (T) e.rendered;
    }

    void renderDone() {
        previous = current;
        current = new HashMap<>();
    }

    private static boolean same(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            boolean equal = x instanceof String || x instanceof Boolean ? x.equals(y) : x == y;
            if (!equal) {
                return false;
            }
        }
        return true;
    }
}
