package dev.palisade.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both overlays, rendered by {@code kubectl kustomize} and parsed strictly into fabric8's model, hold what
 * the README promises. No API server runs here: this checks the objects, not that a cluster accepts them.
 */
class ManifestsTest {

    private static final Map<String, String> MODULES = Map.of("ingest-service", "ingest-service",
            "policy-calculator", "policy-calculator", "hep-controller", "hep-controller",
            "dataplane-driver", "dataplane-driver");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesAreDeploymentsWithHealthProbesScrapeAnnotationsAndNoRoot(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        assertThat(m.objects()).allMatch(o -> o.getMetadata().getNamespace() == null
                || "palisade-system".equals(o.getMetadata().getNamespace()));
        Map<String, Integer> replicas = Map.of("ingest-service", 2, "hep-controller", 2);
        for (String name : List.of("ingest-service", "policy-calculator", "hep-controller")) {
            Deployment d = m.one(Deployment.class, name);
            if (replicas.containsKey(name)) {
                assertThat(d.getSpec().getReplicas()).as(name + " replicas").isEqualTo(replicas.get(name));
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().getFirst();
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " non-root").isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKey("memory");
            Map<String, String> scrape = d.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(scrape).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
            assertThat(Integer.parseInt(scrape.get("prometheus.io/port")))
                    .isEqualTo(c.getPorts().getFirst().getContainerPort());
            assertThat(m.one(Service.class, name).getSpec().getSelector())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels());
            assertThat(m.one(PodDisruptionBudget.class, name).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void driverIsAHostNetworkDaemonSetWithNetAdminOnly(String overlay) throws Exception {
        DaemonSet ds = RenderedManifests.render(overlay).one(DaemonSet.class, "dataplane-driver");
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().getFirst();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(pod.getTolerations()).as("tolerates every taint")
                .anyMatch(t -> "Exists".equals(t.getOperator()) && t.getKey() == null && t.getEffect() == null);
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW");
        EnvVar node = env(c, "PALISADE_NODE");
        assertThat(node.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(c.getLivenessProbe().getHttpGet().getHost()).as("probed on the pod IP, where metrics listen").isNull();
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(c.getArgs()).containsSubsequence("--metrics-port", String.valueOf(metricsPort(c)));
    }

    /**
     * Prometheus's pod discovery with the shipped {@code deploy/prometheus/prometheus-kubernetes.yml} finds
     * every service and every node's driver in the rendered manifests, at the port and path each one serves,
     * and the driver listens on the address it is scraped at (the pod IP) with its node as label.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void prometheusScrapesEveryServiceAndEveryNodesDriver(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        PodScrapeTargets scrape = PodScrapeTargets.of(Path.of(System.getProperty("palisade.kubernetes.dir", "."))
                .resolve("../prometheus/prometheus-kubernetes.yml"));
        String podIp = "198.18.7.9";
        for (String name : List.of("ingest-service", "policy-calculator", "hep-controller")) {
            PodTemplateSpec template = m.one(Deployment.class, name).getSpec().getTemplate();
            int port = template.getSpec().getContainers().getFirst().getPorts().getFirst().getContainerPort();
            assertThat(scrape.targets(template, "palisade-system", name + "-0", "node-a", podIp)).as(overlay + " " + name)
                    .singleElement().satisfies(t -> assertThat(t)
                            .containsEntry("job", name)
                            .containsEntry("__address__", podIp + ":" + port)
                            .containsEntry("__metrics_path__", "/q/metrics")
                            .doesNotContainKey("node"));
        }
        PodTemplateSpec driver = m.one(DaemonSet.class, "dataplane-driver").getSpec().getTemplate();
        Container c = driver.getSpec().getContainers().getFirst();
        assertThat(env(c, "PALISADE_METRICS_ADDRESS").getValueFrom().getFieldRef().getFieldPath())
                .as("the driver listens on the pod IP (of a hostNetwork pod: the node's address)").isEqualTo("status.podIP");
        for (String node : List.of("node-a", "node-b")) {
            assertThat(scrape.targets(driver, "palisade-system", "dataplane-driver-" + node, node, podIp))
                    .as(overlay + " driver on " + node).singleElement().satisfies(t -> assertThat(t)
                            .containsEntry("job", "dataplane-driver")
                            .containsEntry("__address__", podIp + ":" + metricsPort(c))
                            .containsEntry("__metrics_path__", "/metrics")
                            .containsEntry("node", node));
        }
    }

    private static int metricsPort(Container driver) {
        List<String> args = driver.getArgs();
        return Integer.parseInt(args.get(args.indexOf("--metrics-port") + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void onlyTheNodeSourceMayReadTheApiAndOnlyNodes(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        assertThat(m.all(Role.class)).isEmpty();
        List<ClusterRole> roles = m.all(ClusterRole.class);
        assertThat(roles).hasSize(1);
        List<PolicyRule> rules = roles.getFirst().getRules();
        assertThat(rules).hasSize(1);
        assertThat(rules.getFirst().getApiGroups()).containsExactly("");
        assertThat(rules.getFirst().getResources()).containsExactly("nodes");
        assertThat(rules.getFirst().getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        ClusterRoleBinding binding = m.all(ClusterRoleBinding.class).getFirst();
        assertThat(binding.getRoleRef().getName()).isEqualTo(roles.getFirst().getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("hep-controller");
            assertThat(s.getNamespace()).isEqualTo("palisade-system");
        });
        m.one(ServiceAccount.class, "hep-controller");
        assertThat(m.one(Deployment.class, "hep-controller").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("hep-controller");
        for (String other : List.of("ingest-service", "policy-calculator")) {
            assertThat(m.one(Deployment.class, other).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                    .as(other + " gets no API token").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void imagesAreThePalisadeImagesWithOneTag(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        Set<String> palisade = new HashSet<>();
        Set<String> tags = new HashSet<>();
        for (Map.Entry<String, PodSpec> pod : pods(m).entrySet()) {
            for (Container c : pod.getValue().getContainers()) {
                assertThat(c.getImage()).as(pod.getKey() + " image has a tag").contains(":");
                if (c.getImage().startsWith("palisade/")) {
                    palisade.add(c.getImage().substring(0, c.getImage().indexOf(':')));
                    tags.add(c.getImage().substring(c.getImage().indexOf(':') + 1));
                }
            }
        }
        assertThat(palisade).containsExactlyInAnyOrder("palisade/ingest-service", "palisade/policy-calculator",
                "palisade/hep-controller", "palisade/dataplane-driver");
        assertThat(tags).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyConfigKeyIsOneTheServiceReads(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        for (Map.Entry<String, PodSpec> pod : pods(m).entrySet()) {
            String module = MODULES.get(pod.getKey());
            if (module == null) {
                continue;
            }
            ConfigKeys keys = ConfigKeys.of(module);
            Container c = pod.getValue().getContainers().getFirst();
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = m.one(ConfigMap.class, from.getConfigMapRef().getName());
                    assertThat(cm.getData().keySet()).as(pod.getKey() + " reads every key of ConfigMap "
                            + cm.getMetadata().getName()).allMatch(keys::reads);
                }
            }
            for (EnvVar e : c.getEnv()) {
                // what the API server enforces: a value or one source, never both
                assertThat((e.getValue() != null ? 1 : 0) + (e.getValueFrom() == null ? 0 : Stream.of(
                        e.getValueFrom().getConfigMapKeyRef(), e.getValueFrom().getSecretKeyRef(),
                        e.getValueFrom().getFieldRef(), e.getValueFrom().getResourceFieldRef())
                        .filter(java.util.Objects::nonNull).count()))
                        .as(pod.getKey() + " env " + e.getName() + " has exactly one source").isEqualTo(1L);
                assertThat(keys.reads(e.getName())).as(pod.getKey() + " reads " + e.getName()).isTrue();
                if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    assertThat(m.one(ConfigMap.class, ref.getName()).getData()).as(e.getName()).containsKey(ref.getKey());
                }
            }
        }
        // the keys without defaults are set
        assertThat(m.one(ConfigMap.class, "hep-controller").getData()).containsKeys(
                "PALISADE_HEP_CONTROLLER_INGEST_URL", "PALISADE_HEP_CONTROLLER_TOKEN_FILE",
                "PALISADE_HEP_CONTROLLER_KUBERNETES_CONFIG");
        assertThat(m.one(ConfigMap.class, "ingest-service").getData()).containsKeys("PALISADE_TOKENS_FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devIsSelfContainedWithSingleReplicaServers(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        for (String name : List.of("etcd", "kafka", "postgresql")) {
            assertThat(m.one(StatefulSet.class, name).getSpec().getReplicas()).isEqualTo(1);
            m.one(Service.class, name);
        }
        Map<String, String> servers = m.one(ConfigMap.class, "palisade-servers").getData();
        assertThat(servers).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("ETCD_ENDPOINTS", "http://etcd:2379");
        assertThat(m.one(Secret.class, "palisade-tokens").getStringData()).containsKeys("tokens", "hep-controller.token");
        assertThat(m.one(Secret.class, "palisade-postgresql").getData()).containsKeys("username", "password");
        String controllerToken = m.one(Secret.class, "palisade-tokens").getStringData().get("hep-controller.token");
        assertThat(m.one(Secret.class, "palisade-tokens").getStringData().get("tokens"))
                .as("the controller's token is an editor in ingest's table").contains(controllerToken + ",hep-controller,editor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    void productionUsesExistingServersAndStrimziTopics(String overlay) throws Exception {
        RenderedManifests m = RenderedManifests.render(overlay);
        assertThat(m.all(StatefulSet.class)).isEmpty();
        assertThat(m.find(Secret.class, "palisade-tokens")).as("no placeholder tokens in production").isEmpty();
        assertThat(m.find(ConfigMap.class, "palisade-servers")).isEmpty();
        for (Map.Entry<String, PodSpec> pod : pods(m).entrySet()) {
            Container c = pod.getValue().getContainers().getFirst();
            boolean fromSecret = c.getEnvFrom().stream().anyMatch(f -> f.getSecretRef() != null
                    && "palisade-servers".equals(f.getSecretRef().getName()))
                    || c.getEnv().stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                    && "palisade-servers".equals(e.getValueFrom().getSecretKeyRef().getName()));
            assertThat(fromSecret).as(pod.getKey() + " finds the servers in Secret palisade-servers").isTrue();
            assertThat(c.getEnvFrom()).as(pod.getKey()).noneMatch(f -> f.getConfigMapRef() != null
                    && "palisade-servers".equals(f.getConfigMapRef().getName()));
        }
        // the Secret's keys win over the ConfigMaps' (PALISADE_DB_URL)
        assertThat(m.one(Deployment.class, "ingest-service").getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getEnvFrom()).last().satisfies(f -> assertThat(f.getSecretRef().getName())
                        .isEqualTo("palisade-servers"));
        Map<String, GenericKubernetesResource> topics = new java.util.HashMap<>();
        m.generic("KafkaTopic").forEach(t -> topics.put(t.getMetadata().getName(), t));
        assertThat(topics.keySet()).containsExactlyInAnyOrder("palisade.resources", "palisade.dataplane", "palisade.status");
        topics.values().forEach(t -> {
            assertThat(t.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
            assertThat(spec(t).keySet())
                    .isSubsetOf("partitions", "replicas", "config");
        });
        assertThat(spec(topics.get("palisade.resources"))).containsEntry("partitions", 1)
                .containsEntry("config", Map.of("cleanup.policy", "compact"));
        assertThat(spec(topics.get("palisade.dataplane"))).containsEntry("partitions", 6)
                .containsEntry("config", Map.of("cleanup.policy", "compact"));
        assertThat(spec(topics.get("palisade.status"))).doesNotContainKey("config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }

    private static Map<String, PodSpec> pods(RenderedManifests m) {
        Map<String, PodSpec> pods = new java.util.TreeMap<>();
        m.all(Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        m.all(DaemonSet.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        m.all(StatefulSet.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }
}
