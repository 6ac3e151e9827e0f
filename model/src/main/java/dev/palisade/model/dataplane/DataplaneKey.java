package dev.palisade.model.dataplane;

import java.util.Comparator;
import java.util.Objects;

/**
 * Key of a {@code palisade.dataplane} record: {@code node/<node>/<entryType>/<id>} for what belongs to one
 * node (endpoints, configuration, the node's barrier), {@code shared/<entryType>/<id>} for what every node
 * that uses it shares (IP sets, named-port sets, policies, profiles, the shared barrier). A shared key has no
 * node ({@link #node()} is null). Node names are DNS subdomains (no {@code /}) and entry types are single
 * words, so splitting at the first slashes is unambiguous even though ids may contain slashes (policy ids
 * do: {@code gnp/allow-ssh}).
 */
public record DataplaneKey(String node, EntryType type, String id) implements Comparable<DataplaneKey> {

    public static final String PREFIX = "node";
    public static final String SHARED_PREFIX = "shared";
    /** The partition of {@code palisade.dataplane} that holds every shared record; every driver reads it. */
    public static final int SHARED_PARTITION = 0;

    private static final Comparator<DataplaneKey> ORDER = Comparator
            .comparing(DataplaneKey::node, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(DataplaneKey::type)
            .thenComparing(DataplaneKey::id);

    public DataplaneKey {
        Objects.requireNonNull(type, "type");
        if (node != null && (node.isEmpty() || node.contains("/"))) {
            throw new IllegalArgumentException("node name must be non-empty without '/', got \"" + node + "\"");
        }
        EntryType.Scope scope = node == null ? EntryType.Scope.SHARED : EntryType.Scope.NODE;
        if (!type.allowedIn(scope)) {
            throw new IllegalArgumentException(type.keyword() + " entries are "
                    + (node == null ? "per node: key them node/<node>/" : "shared: key them shared/")
                    + type.keyword() + "/<id>");
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id must be non-empty");
        }
    }

    /** The key of {@code entry}: under {@code node} for node-scoped types, shared otherwise. */
    public static DataplaneKey of(String node, DataplaneEntry entry) {
        return new DataplaneKey(entry.type().allowedIn(EntryType.Scope.NODE) ? node : null, entry.type(), entry.id());
    }

    public static DataplaneKey shared(EntryType type, String id) {
        return new DataplaneKey(null, type, id);
    }

    public boolean isShared() {
        return node == null;
    }

    /** The key prefix shared by every entry of one node: what a driver subscribes to. */
    public static String nodePrefix(String node) {
        return PREFIX + "/" + node + "/";
    }

    /** The key prefix of every shared entry. */
    public static String sharedPrefix() {
        return SHARED_PREFIX + "/";
    }

    /**
     * The partition of {@code palisade.dataplane} that holds every record of {@code node}. Producer and
     * driver both call this, so a driver can assign itself the one partition it needs (plus
     * {@link #SHARED_PARTITION}) without reading other nodes' traffic. {@link String#hashCode()} is specified
     * by the JLS, hence stable across JVMs.
     */
    public static int partitionFor(String node, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        return Math.floorMod(node.hashCode(), partitions);
    }

    /** The partition of this key's record. */
    public int partition(int partitions) {
        return node == null ? SHARED_PARTITION : partitionFor(node, partitions);
    }

    public static DataplaneKey parse(String text) {
        boolean shared = text.startsWith(sharedPrefix());
        String[] parts = text.split("/", shared ? 3 : 4);
        if (shared ? parts.length != 3 : parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("dataplane key must be node/<node>/<entryType>/<id> or "
                    + "shared/<entryType>/<id>, got \"" + text + "\"");
        }
        String typeWord = shared ? parts[1] : parts[2];
        EntryType type = EntryType.byKeyword(typeWord).orElseThrow(() -> new IllegalArgumentException(
                "unknown entry type \"" + typeWord + "\" in dataplane key \"" + text + "\""));
        return shared ? new DataplaneKey(null, type, parts[2]) : new DataplaneKey(parts[1], type, parts[3]);
    }

    @Override
    public String toString() {
        return (node == null ? sharedPrefix() : nodePrefix(node)) + type.keyword() + "/" + id;
    }

    @Override
    public int compareTo(DataplaneKey o) {
        return ORDER.compare(this, o);
    }
}
