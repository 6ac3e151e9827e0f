package dev.palisade.model.dataplane;

import java.util.Objects;

/**
 * Key of a {@code palisade.dataplane} record: {@code node/<node>/<entryType>/<id>}. Node names are DNS
 * subdomains (no {@code /}) and entry types are single words, so splitting at the first three slashes is
 * unambiguous even though ids may contain slashes (policy ids do: {@code gnp/allow-ssh}).
 */
public record DataplaneKey(String node, EntryType type, String id) implements Comparable<DataplaneKey> {

    public static final String PREFIX = "node";

    public DataplaneKey {
        Objects.requireNonNull(type, "type");
        if (node == null || node.isEmpty() || node.contains("/")) {
            throw new IllegalArgumentException("node name must be non-empty without '/', got \"" + node + "\"");
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id must be non-empty");
        }
    }

    public static DataplaneKey of(String node, DataplaneEntry entry) {
        return new DataplaneKey(node, entry.type(), entry.id());
    }

    /** The key prefix shared by every entry of one node: what a driver subscribes to. */
    public static String nodePrefix(String node) {
        return PREFIX + "/" + node + "/";
    }

    /**
     * The partition of {@code palisade.dataplane} that holds every record of {@code node}. Producer and
     * driver both call this, so a driver can assign itself the one partition it needs without reading other
     * nodes' traffic. {@link String#hashCode()} is specified by the JLS, hence stable across JVMs.
     */
    public static int partitionFor(String node, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        return Math.floorMod(node.hashCode(), partitions);
    }

    public static DataplaneKey parse(String text) {
        String[] parts = text.split("/", 4);
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("dataplane key must be node/<node>/<entryType>/<id>, got \"" + text + "\"");
        }
        EntryType type = EntryType.byKeyword(parts[2]).orElseThrow(() -> new IllegalArgumentException(
                "unknown entry type \"" + parts[2] + "\" in dataplane key \"" + text + "\""));
        return new DataplaneKey(parts[1], type, parts[3]);
    }

    @Override
    public String toString() {
        return nodePrefix(node) + type.keyword() + "/" + id;
    }

    @Override
    public int compareTo(DataplaneKey o) {
        int c = node.compareTo(o.node);
        if (c == 0) {
            c = type.compareTo(o.type);
        }
        return c == 0 ? id.compareTo(o.id) : c;
    }
}
