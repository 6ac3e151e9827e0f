package dev.palisade.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Prometheus's Kubernetes pod discovery would make of a pod template, and what a scrape job's
 * {@code relabel_configs} leave of it: the {@code __meta_kubernetes_pod_*} labels of each container port (one
 * target per port, one per container without ports, as Prometheus documents for role {@code pod}), then the
 * {@code replace}, {@code keep} and {@code drop} actions with anchored regexes and {@code ;} as separator.
 * Debian's Prometheus is built without Kubernetes discovery and no API server runs here, so this applies the
 * shipped rules to the rendered manifests instead.
 */
final class PodScrapeTargets {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern GROUP = Pattern.compile("\\$\\{?(\\d+)}?");

    private final String jobName;
    private final List<Map<String, Object>> relabel;

    private PodScrapeTargets(String jobName, List<Map<String, Object>> relabel) {
        this.jobName = jobName;
        this.relabel = relabel;
    }

    /** The one scrape job of {@code config} that discovers pods. */
    @SuppressWarnings("unchecked")
    static PodScrapeTargets of(Path config) throws IOException {
        Map<String, Object> root = YAML.unmarshal(Files.readString(config), Map.class);
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) root.get("scrape_configs");
        Map<String, Object> job = jobs.stream().filter(j -> j.containsKey("kubernetes_sd_configs")).findFirst()
                .orElseThrow(() -> new AssertionError(config + ": no job with kubernetes_sd_configs"));
        List<Map<String, Object>> sd = (List<Map<String, Object>>) job.get("kubernetes_sd_configs");
        if (sd.size() != 1 || !"pod".equals(sd.getFirst().get("role"))) {
            throw new AssertionError(config + ": expected one kubernetes_sd_config with role pod, got " + sd);
        }
        return new PodScrapeTargets((String) job.get("job_name"),
                (List<Map<String, Object>>) job.getOrDefault("relabel_configs", List.of()));
    }

    /** The distinct targets (their final labels) Prometheus would scrape for a pod of {@code template}. */
    Set<Map<String, String>> targets(PodTemplateSpec template, String namespace, String podName, String node, String podIp) {
        Set<Map<String, String>> targets = new LinkedHashSet<>();
        for (Map<String, String> discovered : discover(template, namespace, podName, node, podIp)) {
            Map<String, String> labels = relabelled(discovered);
            if (labels != null) {
                labels.keySet().removeIf(k -> k.startsWith("__meta_"));
                targets.add(labels);
            }
        }
        return targets;
    }

    private List<Map<String, String>> discover(PodTemplateSpec template, String namespace, String podName, String node,
                                               String podIp) {
        Map<String, String> pod = new TreeMap<>();
        pod.put("job", jobName);
        pod.put("__metrics_path__", "/metrics");
        pod.put("__scheme__", "http");
        pod.put("__meta_kubernetes_namespace", namespace);
        pod.put("__meta_kubernetes_pod_name", podName);
        pod.put("__meta_kubernetes_pod_node_name", node);
        pod.put("__meta_kubernetes_pod_ip", podIp);
        template.getMetadata().getLabels().forEach((k, v) -> pod.put("__meta_kubernetes_pod_label_" + sanitize(k), v));
        if (template.getMetadata().getAnnotations() != null) {
            template.getMetadata().getAnnotations().forEach((k, v) -> pod.put("__meta_kubernetes_pod_annotation_" + sanitize(k), v));
        }
        List<Map<String, String>> targets = new ArrayList<>();
        for (Container c : template.getSpec().getContainers()) {
            if (c.getPorts().isEmpty()) {
                Map<String, String> t = new TreeMap<>(pod);
                t.put("__address__", podIp);
                t.put("__meta_kubernetes_pod_container_name", c.getName());
                targets.add(t);
            }
            for (ContainerPort port : c.getPorts()) {
                Map<String, String> t = new TreeMap<>(pod);
                t.put("__address__", podIp + ":" + port.getContainerPort());
                t.put("__meta_kubernetes_pod_container_name", c.getName());
                t.put("__meta_kubernetes_pod_container_port_name", port.getName() == null ? "" : port.getName());
                t.put("__meta_kubernetes_pod_container_port_number", String.valueOf(port.getContainerPort()));
                targets.add(t);
            }
        }
        return targets;
    }

    /** The labels after every rule, or null when a rule dropped the target. */
    @SuppressWarnings("unchecked")
    private Map<String, String> relabelled(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        for (Map<String, Object> rule : relabel) {
            List<String> sources = (List<String>) rule.getOrDefault("source_labels", List.of());
            String separator = (String) rule.getOrDefault("separator", ";");
            String value = String.join(separator, sources.stream().map(s -> out.getOrDefault(s, "")).toList());
            Matcher m = Pattern.compile("^(?:" + rule.getOrDefault("regex", "(.*)") + ")$").matcher(value);
            String action = (String) rule.getOrDefault("action", "replace");
            switch (action) {
                case "keep" -> {
                    if (!m.matches()) {
                        return null;
                    }
                }
                case "drop" -> {
                    if (m.matches()) {
                        return null;
                    }
                }
                case "replace" -> {
                    if (m.matches()) {
                        String replaced = expand((String) rule.getOrDefault("replacement", "$1"), m);
                        String target = (String) rule.get("target_label");
                        if (replaced.isEmpty()) {
                            out.remove(target);
                        } else {
                            out.put(target, replaced);
                        }
                    }
                }
                default -> throw new AssertionError("relabel action " + action + " is not modelled here: add it");
            }
        }
        return out.containsKey("__address__") ? out : null;
    }

    private static String expand(String replacement, Matcher m) {
        Matcher g = GROUP.matcher(replacement);
        StringBuilder out = new StringBuilder();
        while (g.find()) {
            int n = Integer.parseInt(g.group(1));
            g.appendReplacement(out, Matcher.quoteReplacement(n <= m.groupCount() && m.group(n) != null ? m.group(n) : ""));
        }
        g.appendTail(out);
        return out.toString();
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
