package dev.palisade.ingest.core.store;

import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.ResourceKey;

/**
 * The key layout {@code /palisade/v3/<plural>/<namespace or _>/<name>}: one prefix per kind (and per
 * namespace) so lists and watches are prefix ranges.
 */
public final class DatastoreKeys {

    public static final String ROOT = "/palisade/v3/";

    private DatastoreKeys() {
    }

    public static String of(ResourceKey key) {
        return namespacePrefix(key.kind(), key.namespace()) + key.name();
    }

    public static String kindPrefix(Kind kind) {
        return ROOT + kind.plural() + "/";
    }

    public static String namespacePrefix(Kind kind, String namespace) {
        return kindPrefix(kind) + (namespace == null ? ResourceKey.NO_NAMESPACE : namespace) + "/";
    }

    public static ResourceKey parse(String key) {
        if (!key.startsWith(ROOT)) {
            throw new IllegalArgumentException("not a resource key: " + key);
        }
        String[] parts = key.substring(ROOT.length()).split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a resource key: " + key);
        }
        Kind kind = Kind.lookup(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown kind in key: " + key));
        return new ResourceKey(kind, ResourceKey.NO_NAMESPACE.equals(parts[1]) ? null : parts[1], parts[2]);
    }
}
