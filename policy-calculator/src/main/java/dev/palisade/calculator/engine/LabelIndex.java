package dev.palisade.calculator.engine;

import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.selector.Selector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Selector × labelled item → "match started" / "match stopped", maintained incrementally. Items are host
 * endpoints and (when asked for) network sets; their labels are their own plus those their profiles apply
 * ({@code labelsToApply}; the item's own label wins, then the first profile listing it).
 *
 * <p>Only what can change is re-evaluated: a label change re-evaluates the selectors that read one of the
 * changed label names; a new or deleted item, only the selectors whose {@link LabelRestriction} it satisfies;
 * a new, changed or deleted selector, only the items satisfying its restriction.
 *
 * <p>The match relation itself is not stored: at 100k endpoints and 10k policies it has tens of millions of
 * pairs, and every pair held in hash sets costs tens of bytes. A selector is a pure function of the labels, and
 * the index keeps the old labels and the old selector until it has compared them with the new ones, so "did it
 * match before" is answered by evaluating again, which costs about what a set lookup would.
 */
final class LabelIndex implements UpdateHandler {

    /** Receives every change of the match relation, exactly once per change. */
    interface MatchListener {
        void onMatchStarted(String selectorId, ResourceKey item);

        void onMatchStopped(String selectorId, ResourceKey item);
    }

    private record Item(Map<String, String> ownLabels, List<String> parents, Map<String, String> labels) {
    }

    private record RegisteredSelector(Selector selector, LabelRestriction restriction) {
    }

    private final Set<Kind> itemKinds;
    private final MatchListener listener;

    private final Map<ResourceKey, Item> items = new HashMap<>();
    private final Map<String, Map<String, String>> parentLabels = new HashMap<>();
    private final Map<String, Set<ResourceKey>> itemsByParent = new HashMap<>();
    private final Map<String, Map<String, Set<ResourceKey>>> itemsByLabelValue = new HashMap<>();

    private final Map<String, RegisteredSelector> selectors = new HashMap<>();
    private final Map<String, Set<String>> selectorsByLabelName = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> selectorsByRequiredValue = new HashMap<>();
    private final Map<String, Set<String>> selectorsByRequiredLabel = new HashMap<>();
    private final Set<String> unrestrictedSelectors = new HashSet<>();

    LabelIndex(Set<Kind> itemKinds, MatchListener listener) {
        this.itemKinds = Set.copyOf(itemKinds);
        this.listener = listener;
    }

    @Override
    public void onUpdate(Update update) {
        Kind kind = update.key().kind();
        if (kind == Kind.PROFILE) {
            Profile p = (Profile) update.value();
            updateParent(update.key().name(), p == null ? Map.of() : p.spec().labelsToApply());
        } else if (itemKinds.contains(kind)) {
            switch (update.value()) {
                case null -> deleteItem(update.key());
                case HostEndpoint h -> updateItem(update.key(), h.metadata().labels(), h.spec().profiles());
                case GlobalNetworkSet g -> updateItem(update.key(), g.metadata().labels(), List.of());
                default -> throw new IllegalArgumentException("not a labelled item: " + update.key());
            }
        }
    }

    // ---- selectors ----

    void updateSelector(String id, Selector selector) {
        RegisteredSelector old = selectors.get(id);
        if (old != null && old.selector().equals(selector)) {
            return;
        }
        if (old != null) {
            unindexSelector(id, old);
        }
        RegisteredSelector reg = new RegisteredSelector(selector, LabelRestriction.of(selector));
        selectors.put(id, reg);
        indexSelector(id, reg);
        if (old != null) {
            forEachCandidate(old.restriction(), (item, labels) -> {
                if (old.selector().matches(labels) && !selector.matches(labels)) {
                    listener.onMatchStopped(id, item);
                }
            });
        }
        forEachCandidate(reg.restriction(), (item, labels) -> {
            if (selector.matches(labels) && (old == null || !old.selector().matches(labels))) {
                listener.onMatchStarted(id, item);
            }
        });
    }

    void deleteSelector(String id) {
        RegisteredSelector old = selectors.remove(id);
        if (old == null) {
            return;
        }
        unindexSelector(id, old);
        forEachCandidate(old.restriction(), (item, labels) -> {
            if (old.selector().matches(labels)) {
                listener.onMatchStopped(id, item);
            }
        });
    }

    int selectorCount() {
        return selectors.size();
    }

    private interface ItemVisitor {
        void visit(ResourceKey item, Map<String, String> labels);
    }

    /** Visits every item satisfying the restriction (all items when it is null). Listeners never call back in. */
    private void forEachCandidate(LabelRestriction r, ItemVisitor visitor) {
        if (r == null) {
            items.forEach((key, item) -> visitor.visit(key, item.labels()));
            return;
        }
        Map<String, Set<ResourceKey>> byValue = itemsByLabelValue.getOrDefault(r.label(), Map.of());
        Collection<Set<ResourceKey>> groups = r.values() == null ? byValue.values()
                : r.values().stream().map(v -> byValue.getOrDefault(v, Set.of())).toList();
        for (Set<ResourceKey> group : groups) {
            for (ResourceKey key : group) {
                visitor.visit(key, items.get(key).labels());
            }
        }
    }

    /** The selectors whose restriction the labels satisfy: each once, as a selector has one restriction. */
    private List<String> candidateSelectors(Map<String, String> labels) {
        List<String> out = new ArrayList<>(unrestrictedSelectors);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            out.addAll(selectorsByRequiredLabel.getOrDefault(e.getKey(), Set.of()));
            out.addAll(selectorsByRequiredValue.getOrDefault(e.getKey(), Map.of()).getOrDefault(e.getValue(), Set.of()));
        }
        return out;
    }

    private void indexSelector(String id, RegisteredSelector reg) {
        for (String name : reg.selector().labelNames()) {
            selectorsByLabelName.computeIfAbsent(name, k -> new HashSet<>()).add(id);
        }
        LabelRestriction r = reg.restriction();
        if (r == null) {
            unrestrictedSelectors.add(id);
        } else if (r.values() == null) {
            selectorsByRequiredLabel.computeIfAbsent(r.label(), k -> new HashSet<>()).add(id);
        } else {
            Map<String, Set<String>> byValue = selectorsByRequiredValue.computeIfAbsent(r.label(), k -> new HashMap<>());
            for (String v : r.values()) {
                byValue.computeIfAbsent(v, k -> new HashSet<>()).add(id);
            }
        }
    }

    private void unindexSelector(String id, RegisteredSelector reg) {
        for (String name : reg.selector().labelNames()) {
            removeFrom(selectorsByLabelName, name, id);
        }
        LabelRestriction r = reg.restriction();
        if (r == null) {
            unrestrictedSelectors.remove(id);
        } else if (r.values() == null) {
            removeFrom(selectorsByRequiredLabel, r.label(), id);
        } else {
            Map<String, Set<String>> byValue = selectorsByRequiredValue.get(r.label());
            for (String v : r.values()) {
                removeFrom(byValue, v, id);
            }
            if (byValue.isEmpty()) {
                selectorsByRequiredValue.remove(r.label());
            }
        }
    }

    // ---- items ----

    private void updateItem(ResourceKey key, Map<String, String> ownLabels, List<String> parents) {
        Item old = items.get(key);
        if (old != null && old.ownLabels().equals(ownLabels) && old.parents().equals(parents)) {
            return;
        }
        if (old != null) {
            for (String p : old.parents()) {
                removeFrom(itemsByParent, p, key);
            }
        }
        for (String p : parents) {
            itemsByParent.computeIfAbsent(p, k -> new HashSet<>()).add(key);
        }
        Item item = new Item(Map.copyOf(ownLabels), List.copyOf(parents), effectiveLabels(ownLabels, parents));
        relabel(key, old == null ? null : old.labels(), item);
    }

    private void deleteItem(ResourceKey key) {
        Item old = items.remove(key);
        if (old == null) {
            return;
        }
        for (String p : old.parents()) {
            removeFrom(itemsByParent, p, key);
        }
        unindexItemLabels(key, old.labels());
        for (String selectorId : candidateSelectors(old.labels())) {
            if (selectors.get(selectorId).selector().matches(old.labels())) {
                listener.onMatchStopped(selectorId, key);
            }
        }
    }

    private void updateParent(String parent, Map<String, String> labels) {
        Map<String, String> old = parentLabels.getOrDefault(parent, Map.of());
        if (old.equals(labels)) {
            return;
        }
        if (labels.isEmpty()) {
            parentLabels.remove(parent);
        } else {
            parentLabels.put(parent, Map.copyOf(labels));
        }
        for (ResourceKey key : List.copyOf(itemsByParent.getOrDefault(parent, Set.of()))) {
            Item item = items.get(key);
            Item updated = new Item(item.ownLabels(), item.parents(), effectiveLabels(item.ownLabels(), item.parents()));
            relabel(key, item.labels(), updated);
        }
    }

    private Map<String, String> effectiveLabels(Map<String, String> own, List<String> parents) {
        Map<String, String> labels = null;
        for (String p : parents) {
            Map<String, String> inherited = parentLabels.get(p);
            if (inherited == null) {
                continue;
            }
            if (labels == null) {
                labels = new HashMap<>(own);
            }
            for (Map.Entry<String, String> e : inherited.entrySet()) {
                labels.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return labels == null ? Map.copyOf(own) : Map.copyOf(labels);
    }

    /** Stores the item with its new effective labels and re-evaluates only the selectors that can differ. */
    private void relabel(ResourceKey key, Map<String, String> oldLabels, Item item) {
        items.put(key, item);
        Map<String, String> labels = item.labels();
        if (oldLabels != null && oldLabels.equals(labels)) {
            return;
        }
        if (oldLabels == null) {
            indexItemLabels(key, labels);
            for (String selectorId : candidateSelectors(labels)) {
                if (selectors.get(selectorId).selector().matches(labels)) {
                    listener.onMatchStarted(selectorId, key);
                }
            }
            return;
        }
        unindexItemLabels(key, oldLabels);
        indexItemLabels(key, labels);
        Set<String> candidates = new LinkedHashSet<>();
        for (String name : changedNames(oldLabels, labels)) {
            candidates.addAll(selectorsByLabelName.getOrDefault(name, Set.of()));
        }
        for (String selectorId : candidates) {
            Selector selector = selectors.get(selectorId).selector();
            boolean now = selector.matches(labels);
            boolean before = selector.matches(oldLabels);
            if (now && !before) {
                listener.onMatchStarted(selectorId, key);
            } else if (!now && before) {
                listener.onMatchStopped(selectorId, key);
            }
        }
    }

    private static Set<String> changedNames(Map<String, String> a, Map<String, String> b) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (!Objects.equals(e.getValue(), b.get(e.getKey()))) {
                names.add(e.getKey());
            }
        }
        for (String name : b.keySet()) {
            if (!a.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private void indexItemLabels(ResourceKey key, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            itemsByLabelValue.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                    .computeIfAbsent(e.getValue(), k -> new HashSet<>()).add(key);
        }
    }

    private void unindexItemLabels(ResourceKey key, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Map<String, Set<ResourceKey>> byValue = itemsByLabelValue.get(e.getKey());
            removeFrom(byValue, e.getValue(), key);
            if (byValue.isEmpty()) {
                itemsByLabelValue.remove(e.getKey());
            }
        }
    }

    static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
        Set<V> set = map.get(key);
        if (set != null && set.remove(value) && set.isEmpty()) {
            map.remove(key);
        }
    }
}
