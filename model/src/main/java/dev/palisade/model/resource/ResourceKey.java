package dev.palisade.model.resource;

import java.util.Objects;

/**
 * Identity of a resource: kind, namespace (null for cluster-scoped kinds) and name. Its string form
 * {@code Kind/namespace/name} (namespace {@code _} when cluster-scoped) is the Kafka key of
 * {@code palisade.resources}; {@code _} can never be a real namespace, so the form is unambiguous.
 */
public record ResourceKey(Kind kind, String namespace, String name) implements Comparable<ResourceKey> {

    public static final String NO_NAMESPACE = "_";

    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!kind.namespaced()) {
            namespace = null;
        }
    }

    public static ResourceKey parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("resource key must be Kind/namespace/name, got \"" + text + "\"");
        }
        Kind kind = Kind.byName(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown kind \"" + parts[0] + "\" in key \"" + text + "\""));
        return new ResourceKey(kind, NO_NAMESPACE.equals(parts[1]) || parts[1].isEmpty() ? null : parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return kind.kindName() + "/" + (namespace == null ? NO_NAMESPACE : namespace) + "/" + name;
    }

    @Override
    public int compareTo(ResourceKey o) {
        return toString().compareTo(o.toString());
    }
}
