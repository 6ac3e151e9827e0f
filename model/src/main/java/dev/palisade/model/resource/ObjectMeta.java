package dev.palisade.model.resource;

import java.util.Map;

/**
 * Kubernetes-style metadata. {@code namespace} is null for cluster-scoped kinds; {@code resourceVersion},
 * {@code uid} and {@code creationTimestamp} are set by the datastore, never trusted from users on create.
 */
public record ObjectMeta(
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String resourceVersion,
        String uid,
        String creationTimestamp) {

    public ObjectMeta {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, Map.of(), Map.of(), null, null, null);
    }

    public ObjectMeta withLabels(Map<String, String> newLabels) {
        return new ObjectMeta(name, namespace, newLabels, annotations, resourceVersion, uid, creationTimestamp);
    }

    public ObjectMeta withServerFields(String newResourceVersion, String newUid, String newCreationTimestamp) {
        return new ObjectMeta(name, namespace, labels, annotations, newResourceVersion, newUid, newCreationTimestamp);
    }
}
