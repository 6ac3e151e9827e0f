package dev.palisade.model.resource;

import java.util.Map;

/**
 * Kubernetes-style metadata. {@code namespace} is null for cluster-scoped kinds; {@code resourceVersion},
 * {@code uid} and {@code creationTimestamp} are set by the datastore, never trusted from users on create.
 * {@code generation} is kept as imported from a Kubernetes-backed Calico, so an export round-trips.
 */
public record ObjectMeta(
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String resourceVersion,
        String uid,
        String creationTimestamp,
        Long generation) {

    public ObjectMeta {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Without {@code generation}, which only exports of a Kubernetes-backed install carry. */
    public ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                      String resourceVersion, String uid, String creationTimestamp) {
        this(name, namespace, labels, annotations, resourceVersion, uid, creationTimestamp, null);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, Map.of(), Map.of(), null, null, null);
    }

    public ObjectMeta withLabels(Map<String, String> newLabels) {
        return new ObjectMeta(name, namespace, newLabels, annotations, resourceVersion, uid, creationTimestamp,
                generation);
    }

    public ObjectMeta withNamespace(String newNamespace) {
        return new ObjectMeta(name, newNamespace, labels, annotations, resourceVersion, uid, creationTimestamp,
                generation);
    }

    public ObjectMeta withServerFields(String newResourceVersion, String newUid, String newCreationTimestamp) {
        return new ObjectMeta(name, namespace, labels, annotations, newResourceVersion, newUid, newCreationTimestamp,
                generation);
    }
}
