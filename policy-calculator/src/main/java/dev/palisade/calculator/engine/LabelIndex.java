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
 * network set's profile is its namespace's ({@link NetworkSetLabels}). Selectors are named by whatever handle
 * their owner registers them under ({@code S}), so a match reaches the owner's state for the selector without
 * a lookup.
 *
 * <p>Only what can change is re-evaluated: a label change re-evaluates the selectors that read one of the
 * changed label names (for selectors requiring a value of that label, only those requiring the old or the new
 * value); a new or deleted item, only the selectors whose {@link LabelRestriction} it satisfies; a new, changed
 * or deleted selector, only the items satisfying its restriction.
 *
 * <p>The match relation itself is not stored: at 100k endpoints and 10k policies it has tens of millions of
 * pairs, and every pair held in hash sets costs tens of bytes. A selector is a pure function of the labels, and
 * the index keeps the old labels and the old selector until it has compared them with the new ones, so "did it
 * match before" is answered by evaluating again, which costs about what a set lookup would.
 */
final class LabelIndex<S> implements UpdateHandler {

    /**
     * Receives every change of the match relation, exactly once per change. {@code itemNumber} is a small
     * number the item keeps while it exists (reused after it is deleted), for owners that index by it.
     */
    interface MatchListener<S> {
        void onMatchStarted(S selector, ResourceKey item, int itemNumber);

        void onMatchStopped(S selector, ResourceKey item, int itemNumber);
    }

    /** An item; identity is its equality, so the label-value index holds it without hashing its labels. */
    private static final class Item {
        final ResourceKey key;
        final int number;
        Map<String, String> ownLabels;
        List<String> parents;
        Map<String, String> labels;

        Item(ResourceKey key, int number) {
            this.key = key;
            this.number = number;
        }
    }

    private record RegisteredSelector(Selector selector, LabelRestriction restriction) {
    }

    private final Set<Kind> itemKinds;
    private final MatchListener<S> listener;

    private final Map<ResourceKey, Item> items = new HashMap<>();
    private final List<Integer> freeNumbers = new ArrayList<>();
    private final Map<String, Map<String, String>> parentLabels = new HashMap<>();
    private final Map<String, Set<Item>> itemsByParent = new HashMap<>();
    private final Map<String, Map<String, Set<Item>>> itemsByLabelValue = new HashMap<>();

    private final Map<S, RegisteredSelector> selectors = new HashMap<>();
    /**
     * Per label name, the selectors reading it, except those requiring it to have one of some values: when an
     * item's value of that label changes, those are found through {@code selectorsByRequiredValue} under the old
     * and the new value (one app's policies, not every app's).
     */
    private final Map<String, Set<S>> selectorsByLabelName = new HashMap<>();
    private final Map<String, Map<String, Set<S>>> selectorsByRequiredValue = new HashMap<>();
    private final Map<String, Set<S>> selectorsByRequiredLabel = new HashMap<>();
    private final Set<S> unrestrictedSelectors = new HashSet<>();

    LabelIndex(Set<Kind> itemKinds, MatchListener<S> listener) {
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

    void updateSelector(S id, Selector selector) {
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
            for (Collection<Item> group : candidateItems(old.restriction())) {
                for (Item item : group) {
                    if (old.selector().matches(item.labels) && !selector.matches(item.labels)) {
                        listener.onMatchStopped(id, item.key, item.number);
                    }
                }
            }
        }
        for (Collection<Item> group : candidateItems(reg.restriction())) {
            for (Item item : group) {
                if (selector.matches(item.labels) && (old == null || !old.selector().matches(item.labels))) {
                    listener.onMatchStarted(id, item.key, item.number);
                }
            }
        }
    }

    void deleteSelector(S id) {
        RegisteredSelector old = selectors.remove(id);
        if (old == null) {
            return;
        }
        unindexSelector(id, old);
        for (Collection<Item> group : candidateItems(old.restriction())) {
            for (Item item : group) {
                if (old.selector().matches(item.labels)) {
                    listener.onMatchStopped(id, item.key, item.number);
                }
            }
        }
    }

    int selectorCount() {
        return selectors.size();
    }

    /** The items satisfying the restriction (all items when it is null), in groups; listeners never call back in. */
    private List<Collection<Item>> candidateItems(LabelRestriction r) {
        if (r == null) {
            return List.of(items.values());
        }
        Map<String, Set<Item>> byValue = itemsByLabelValue.getOrDefault(r.label(), Map.of());
        if (r.values() == null) {
            return new ArrayList<>(byValue.values());
        }
        List<Collection<Item>> out = new ArrayList<>(r.values().size());
        for (String v : r.values()) {
            Set<Item> group = byValue.get(v);
            if (group != null) {
                out.add(group);
            }
        }
        return out;
    }

    /** The selectors whose restriction the labels satisfy: each once, as a selector has one restriction. */
    private List<S> candidateSelectors(Map<String, String> labels) {
        List<S> out = new ArrayList<>(unrestrictedSelectors);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            out.addAll(selectorsByRequiredLabel.getOrDefault(e.getKey(), Set.of()));
            Map<String, Set<S>> byValue = selectorsByRequiredValue.get(e.getKey());
            if (byValue != null) {
                out.addAll(byValue.getOrDefault(e.getValue(), Set.of()));
            }
        }
        return out;
    }

    private void indexSelector(S id, RegisteredSelector reg) {
        for (String name : reg.selector().labelNames()) {
            if (!requiresValueOf(reg.restriction(), name)) {
                selectorsByLabelName.computeIfAbsent(name, k -> new HashSet<>()).add(id);
            }
        }
        LabelRestriction r = reg.restriction();
        if (r == null) {
            unrestrictedSelectors.add(id);
        } else if (r.values() == null) {
            selectorsByRequiredLabel.computeIfAbsent(r.label(), k -> new HashSet<>()).add(id);
        } else {
            Map<String, Set<S>> byValue = selectorsByRequiredValue.computeIfAbsent(r.label(), k -> new HashMap<>());
            for (String v : r.values()) {
                byValue.computeIfAbsent(v, k -> new HashSet<>()).add(id);
            }
        }
    }

    private static boolean requiresValueOf(LabelRestriction r, String name) {
        return r != null && r.values() != null && r.label().equals(name);
    }

    private void unindexSelector(S id, RegisteredSelector reg) {
        for (String name : reg.selector().labelNames()) {
            if (!requiresValueOf(reg.restriction(), name)) {
                removeFrom(selectorsByLabelName, name, id);
            }
        }
        LabelRestriction r = reg.restriction();
        if (r == null) {
            unrestrictedSelectors.remove(id);
        } else if (r.values() == null) {
            removeFrom(selectorsByRequiredLabel, r.label(), id);
        } else {
            Map<String, Set<S>> byValue = selectorsByRequiredValue.get(r.label());
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
        Item item = items.get(key);
        if (item != null && item.ownLabels.equals(ownLabels) && item.parents.equals(parents)) {
            return;
        }
        Map<String, String> oldLabels = null;
        if (item == null) {
            item = new Item(key, freeNumbers.isEmpty() ? items.size() : freeNumbers.removeLast());
            items.put(key, item);
        } else {
            oldLabels = item.labels;
            for (String p : item.parents) {
                removeFrom(itemsByParent, p, item);
            }
        }
        for (String p : parents) {
            itemsByParent.computeIfAbsent(p, k -> new HashSet<>()).add(item);
        }
        item.ownLabels = Map.copyOf(ownLabels);
        item.parents = List.copyOf(parents);
        relabel(item, oldLabels, effectiveLabels(ownLabels, parents));
    }

    private void deleteItem(ResourceKey key) {
        Item item = items.remove(key);
        if (item == null) {
            return;
        }
        for (String p : item.parents) {
            removeFrom(itemsByParent, p, item);
        }
        unindexItemLabels(item, item.labels);
        for (S selectorId : candidateSelectors(item.labels)) {
            if (selectors.get(selectorId).selector().matches(item.labels)) {
                listener.onMatchStopped(selectorId, item.key, item.number);
            }
        }
        freeNumbers.add(item.number);
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
        for (Item item : List.copyOf(itemsByParent.getOrDefault(parent, Set.of()))) {
            relabel(item, item.labels, effectiveLabels(item.ownLabels, item.parents));
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

    /** Gives the item its new effective labels and re-evaluates only the selectors that can differ. */
    private void relabel(Item item, Map<String, String> oldLabels, Map<String, String> labels) {
        if (oldLabels != null && oldLabels.equals(labels)) {
            item.labels = labels;
            return;
        }
        if (oldLabels != null) {
            unindexItemLabels(item, oldLabels);
        }
        item.labels = labels;
        indexItemLabels(item, labels);
        if (oldLabels == null) {
            for (S selectorId : candidateSelectors(labels)) {
                if (selectors.get(selectorId).selector().matches(labels)) {
                    listener.onMatchStarted(selectorId, item.key, item.number);
                }
            }
            return;
        }
        Set<S> candidates = new LinkedHashSet<>();
        for (String name : changedNames(oldLabels, labels)) {
            candidates.addAll(selectorsByLabelName.getOrDefault(name, Set.of()));
            // one requiring other values of this label matched neither before nor after
            Map<String, Set<S>> byValue = selectorsByRequiredValue.get(name);
            if (byValue != null) {
                for (String value : new String[]{oldLabels.get(name), labels.get(name)}) {
                    if (value != null) {
                        candidates.addAll(byValue.getOrDefault(value, Set.of()));
                    }
                }
            }
        }
        for (S selectorId : candidates) {
            Selector selector = selectors.get(selectorId).selector();
            boolean now = selector.matches(labels);
            boolean before = selector.matches(oldLabels);
            if (now && !before) {
                listener.onMatchStarted(selectorId, item.key, item.number);
            } else if (!now && before) {
                listener.onMatchStopped(selectorId, item.key, item.number);
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

    private void indexItemLabels(Item item, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            itemsByLabelValue.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                    .computeIfAbsent(e.getValue(), k -> new HashSet<>()).add(item);
        }
    }

    private void unindexItemLabels(Item item, Map<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Map<String, Set<Item>> byValue = itemsByLabelValue.get(e.getKey());
            removeFrom(byValue, e.getValue(), item);
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
