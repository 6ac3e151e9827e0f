package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.ResourceKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The members of every needed IP set (spec §4.10): for each set, what its selector matches cluster-wide —
 * host endpoints' expected IPs and network sets' nets, or for named-port sets the endpoints' named ports.
 * Members are reference-counted (two endpoints may share an address) and kept sorted, and an item whose
 * addresses or ports change moves only its own members; changed sets are marked dirty and their entries
 * rebuilt, in one pass without sorting, once per flush.
 */
final class IpSetMemberIndex implements UpdateHandler, RuleScanner.IpSetDemand, LabelIndex.MatchListener<String> {

    /** A needed set whose members changed since the last flush (or that became needed). */
    interface IpSetListener {
        void onIpSetChanged(String setId);
    }

    private static final Comparator<Object> ADDRESS_ORDER = Comparator.comparing(o -> (String) o);
    private static final Comparator<Object> PORT_ORDER = Comparator.comparing((Object o) -> (NamedPortSetEntry.Member) o,
            Comparator.comparing(NamedPortSetEntry.Member::ip)
                    .thenComparingInt(NamedPortSetEntry.Member::protocol)
                    .thenComparingInt(NamedPortSetEntry.Member::port));

    private final IpSetListener listener;
    private final LabelIndex<String> labels = new LabelIndex<>(
            Set.of(Kind.HOST_ENDPOINT, Kind.GLOBAL_NETWORK_SET, Kind.NETWORK_SET), this);
    private final NamedPortIndex namedPorts = new NamedPortIndex();

    private final Map<ResourceKey, List<String>> addresses = new HashMap<>();
    private final Map<String, IpSetDef> sets = new HashMap<>();
    /** Per set, each member and how many items contribute it, kept in the order the entry lists them. */
    private final Map<String, NavigableMap<Object, Integer>> members = new HashMap<>();
    private final Map<ResourceKey, Set<String>> setsByItem = new HashMap<>();
    private final Map<String, DataplaneEntry> entries = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    IpSetMemberIndex(IpSetListener listener) {
        this.listener = listener;
    }

    @Override
    public void onUpdate(Update update) {
        ResourceKey key = update.key();
        if (key.kind() == Kind.PROFILE) {
            labels.onUpdate(update);
            return;
        }
        if (update.value() == null) {
            labels.onUpdate(update);
            addresses.remove(key);
            namedPorts.update(key, null);
            return;
        }
        List<String> now = switch (update.value()) {
            case HostEndpoint h -> RuleRenderer.cidrs(h.spec().expectedIPs());
            case GlobalNetworkSet g -> RuleRenderer.cidrs(g.spec().nets());
            case NetworkSet n -> RuleRenderer.cidrs(n.spec().nets());
            default -> throw new IllegalArgumentException("not an IP source: " + key);
        };
        // The item's contribution to the sets it is already in, before and after; label changes that move it
        // in or out of sets are the label index's job.
        Set<String> in = setsByItem.getOrDefault(key, Set.of());
        Map<String, List<?>> before = new HashMap<>();
        for (String setId : in) {
            before.put(setId, contribution(sets.get(setId), key));
        }
        boolean portsChanged = update.value() instanceof HostEndpoint h && namedPorts.update(key, h);
        List<String> old = addresses.put(key, now);
        if (!now.equals(old) || portsChanged) {
            for (String setId : in) {
                List<?> after = contribution(sets.get(setId), key);
                if (!after.equals(before.get(setId))) {
                    remove(setId, before.get(setId));
                    add(setId, after);
                    dirty.add(setId);
                }
            }
        }
        labels.onUpdate(update);
    }

    @Override
    public void onIpSetNeeded(IpSetDef set) {
        sets.put(set.id(), set);
        members.put(set.id(), new TreeMap<>(set.isNamedPort() ? PORT_ORDER : ADDRESS_ORDER));
        dirty.add(set.id());
        labels.updateSelector(set.id(), set.selector());
    }

    @Override
    public void onIpSetUnneeded(String setId) {
        labels.deleteSelector(setId);
        sets.remove(setId);
        members.remove(setId);
        entries.remove(setId);
        dirty.remove(setId);
    }

    @Override
    public void onMatchStarted(String setId, ResourceKey item, int itemNumber) {
        setsByItem.computeIfAbsent(item, k -> new HashSet<>()).add(setId);
        add(setId, contribution(sets.get(setId), item));
        dirty.add(setId);
    }

    @Override
    public void onMatchStopped(String setId, ResourceKey item, int itemNumber) {
        LabelIndex.removeFrom(setsByItem, item, setId);
        remove(setId, contribution(sets.get(setId), item));
        dirty.add(setId);
    }

    /** Rebuilds the entries of sets whose members changed and tells the listener, once per set. */
    void flush() {
        // No compare with the previous entry here: the sequencer compares with what it published, once.
        for (String id : dirty) {
            entries.put(id, build(sets.get(id)));
            listener.onIpSetChanged(id);
        }
        dirty.clear();
    }

    /** The set's entry as of the last flush. */
    DataplaneEntry entry(String setId) {
        DataplaneEntry e = entries.get(setId);
        if (e == null) {
            throw new EngineInvariantException("IP set " + setId + " is referenced but not needed or not flushed");
        }
        return e;
    }

    int setCount() {
        return sets.size();
    }

    private void add(String setId, List<?> contribution) {
        Map<Object, Integer> m = members.get(setId);
        for (Object member : contribution) {
            m.merge(member, 1, Integer::sum);
        }
    }

    private void remove(String setId, List<?> contribution) {
        Map<Object, Integer> m = members.get(setId);
        for (Object member : contribution) {
            if (m.merge(member, -1, Integer::sum) == 0) {
                m.remove(member);
            }
        }
    }

    private List<?> contribution(IpSetDef def, ResourceKey item) {
        if (def.isNamedPort()) {
            return namedPorts.members(item, def.portName(), def.protocol());
        }
        return addresses.getOrDefault(item, List.of());
    }

    /** The set's entry; the members are already in order, so this is one pass over them. */
    private DataplaneEntry build(IpSetDef def) {
        Set<Object> current = members.get(def.id()).keySet();
        if (def.isNamedPort()) {
            List<NamedPortSetEntry.Member> list = new ArrayList<>(current.size());
            for (Object o : current) {
                list.add((NamedPortSetEntry.Member) o);
            }
            return new NamedPortSetEntry(def.id(), def.selector().canonical(), def.portName(), def.protocol(), list);
        }
        List<String> list = new ArrayList<>(current.size());
        for (Object o : current) {
            list.add((String) o);
        }
        return new IpSetEntry(def.id(), def.selector().canonical(), list);
    }
}
