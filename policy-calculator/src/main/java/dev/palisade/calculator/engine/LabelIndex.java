package dev.palisade.calculator.engine;

import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.semantics.NetworkSetLabels;

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
 * ({@code labelsToApply}; the item's own label wins, then the first profile listing it). A namespaced
 * network set's profile is its namespace's ({@link NetworkSetLabels}).
 *
 * <p>Only what can change is re-evaluated: a label change re-evaluates the selectors that read one of the
 * changed label names; a new item, only the selectors whose {@link LabelRestriction} it satisfies; a new or
 * changed selector, only the items satisfying its restriction.
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

    private final Map<String, Set<ResourceKey>> matchesBySelector = new HashMap<>();
    private final Map<ResourceKey, Set<String>> matchesByItem = new HashMap<>();

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
                case NetworkSet n -> updateItem(update.key(), NetworkSetLabels.own(n), NetworkSetLabels.profiles(n));
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
        Set<ResourceKey> previous = matchesBySelector.getOrDefault(id, Set.of());
        Set<ResourceKey> now = new HashSet<>();
        for (ResourceKey item : candidateItems(reg.restriction())) {
            if (selector.matches(items.get(item).labels())) {
                now.add(item);
            }
        }
        for (ResourceKey item : List.copyOf(previous)) {
            if (!now.contains(item)) {
                stop(id, item);
            }
        }
        for (ResourceKey item : now) {
            if (!previous.contains(item)) {
                start(id, item);
            }
        }
    }

    void deleteSelector(String id) {
        RegisteredSelector old = selectors.remove(id);
        if (old == null) {
            return;
        }
        unindexSelector(id, old);
        for (ResourceKey item : List.copyOf(matchesBySelector.getOrDefault(id, Set.of()))) {
            stop(id, item);
        }
    }

    Set<ResourceKey> matches(String selectorId) {
        return Set.copyOf(matchesBySelector.getOrDefault(selectorId, Set.of()));
    }

    int selectorCount() {
        return selectors.size();
    }

    private Collection<ResourceKey> candidateItems(LabelRestriction r) {
        if (r == null) {
            return items.keySet();
        }
        Map<String, Set<ResourceKey>> byValue = itemsByLabelValue.getOrDefault(r.label(), Map.of());
        Collection<String> values = r.values() == null ? byValue.keySet() : r.values();
        List<ResourceKey> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(byValue.getOrDefault(v, Set.of()));
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
        for (String selectorId : List.copyOf(matchesByItem.getOrDefault(key, Set.of()))) {
            stop(selectorId, key);
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
        Set<String> candidates = new LinkedHashSet<>();
        if (oldLabels == null) {
            candidates.addAll(unrestrictedSelectors);
            for (Map.Entry<String, String> e : labels.entrySet()) {
                candidates.addAll(selectorsByRequiredLabel.getOrDefault(e.getKey(), Set.of()));
                candidates.addAll(selectorsByRequiredValue.getOrDefault(e.getKey(), Map.of())
                        .getOrDefault(e.getValue(), Set.of()));
            }
        } else {
            unindexItemLabels(key, oldLabels);
            for (String name : changedNames(oldLabels, labels)) {
                candidates.addAll(selectorsByLabelName.getOrDefault(name, Set.of()));
            }
        }
        indexItemLabels(key, labels);
        Set<String> matched = matchesByItem.getOrDefault(key, Set.of());
        for (String selectorId : candidates) {
            boolean now = selectors.get(selectorId).selector().matches(labels);
            boolean before = matched.contains(selectorId);
            if (now && !before) {
                start(selectorId, key);
            } else if (!now && before) {
                stop(selectorId, key);
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

    // ---- the match relation ----

    private void start(String selectorId, ResourceKey item) {
        matchesBySelector.computeIfAbsent(selectorId, k -> new HashSet<>()).add(item);
        matchesByItem.computeIfAbsent(item, k -> new HashSet<>()).add(selectorId);
        listener.onMatchStarted(selectorId, item);
    }

    private void stop(String selectorId, ResourceKey item) {
        removeFrom(matchesBySelector, selectorId, item);
        removeFrom(matchesByItem, item, selectorId);
        listener.onMatchStopped(selectorId, item);
    }

    static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
        Set<V> set = map.get(key);
        if (set != null && set.remove(value) && set.isEmpty()) {
            map.remove(key);
        }
    }
}
