package dev.palisade.ingest.adapter.etcd;

import dev.palisade.model.resource.ResourceKey;

import java.time.Duration;

/**
 * A write etcd did not confirm. The request may have reached etcd before the connection went, and the client
 * library may still deliver it later, so this is not a failure: the change may or may not have been applied.
 * The message says how to find out before retrying.
 */
public final class EtcdOutcomeUnknownException extends EtcdUnavailableException {

    private final transient ResourceKey key;

    EtcdOutcomeUnknownException(String op, ResourceKey key, Duration waited, Throwable cause) {
        super("outcome unknown: etcd did not confirm the " + op + " of " + key.kind().kindName() + " " + name(key)
                + " within " + waited.toSeconds() + " s (" + cause + "). The change may or may not have been applied,"
                + " and may still take effect once etcd answers. Before retrying, check: GET " + path(key)
                + " (compare metadata.resourceVersion) or GET /audit?kind=" + key.kind().kindName() + "&name="
                + key.name(), cause);
        this.key = key;
    }

    public ResourceKey key() {
        return key;
    }

    private static String name(ResourceKey key) {
        return key.namespace() == null ? key.name() : key.namespace() + "/" + key.name();
    }

    private static String path(ResourceKey key) {
        return "/apis/projectcalico.org/v3/" + (key.namespace() == null ? "" : "namespaces/" + key.namespace() + "/")
                + key.kind().plural() + "/" + key.name();
    }
}
