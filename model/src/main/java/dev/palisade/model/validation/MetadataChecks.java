package dev.palisade.model.validation;

import dev.palisade.model.resource.ObjectMeta;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Name, namespace, labels and annotations, as Kubernetes and Calico check them. */
final class MetadataChecks {

    static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private MetadataChecks() {
    }

    /** {@code nameRule} is the kind's name grammar, e.g. {@link Names#subdomain}. */
    static void check(ObjectMeta meta, UnaryOperator<String> nameRule, Problems problems) {
        if (meta == null) {
            problems.add("metadata", "metadata must be specified");
            return;
        }
        String missing = Names.required(meta.name(), "name");
        problems.addIfPresent("metadata.name", missing != null ? missing : nameRule.apply(meta.name()));
        labels("metadata.labels", meta.labels(), problems);
        annotations("metadata.annotations", meta.annotations(), problems);
    }

    static void namespace(ObjectMeta meta, Problems problems) {
        if (meta == null) {
            return;
        }
        String missing = Names.required(meta.namespace(), "namespace");
        problems.addIfPresent("metadata.namespace", missing != null ? missing : Names.dnsLabel(meta.namespace()));
    }

    /** Label maps: qualified-name keys and label values. Sorted so errors come out in a stable order. */
    static void labels(String path, Map<String, String> labels, Problems problems) {
        new TreeMap<>(labels).forEach((key, value) -> {
            String at = Problems.key(path, key);
            problems.addIfPresent(at, Names.qualifiedName(key));
            problems.addIfPresent(at, Names.labelValue(value));
        });
    }

    static void annotations(String path, Map<String, String> annotations, Problems problems) {
        long bytes = 0;
        for (var e : new TreeMap<>(annotations).entrySet()) {
            problems.addIfPresent(Problems.key(path, e.getKey()), Names.qualifiedName(e.getKey()));
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            bytes += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_ANNOTATIONS_BYTES) {
            problems.add(path, "may not have more than " + MAX_ANNOTATIONS_BYTES + " bytes in total, found " + bytes);
        }
    }
}
