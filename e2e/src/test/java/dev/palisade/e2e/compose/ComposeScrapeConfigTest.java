package dev.palisade.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.e2e.scenario.SeedManifests;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack's Prometheus configuration against the compose file, without Docker (the full stack runs
 * in {@link ComposeCheckIT}, which also requires every driver target up): every service with a metrics
 * endpoint has a scrape job on its port, every node's driver listens beyond its loopback and is a target
 * labelled with its node, the file compose mounts is the one checked here, and Debian's {@code promtool}
 * accepts it. SnakeYAML reads the compose file because it resolves the {@code <<} merge keys compose uses.
 */
class ComposeScrapeConfigTest {

    private static final Path REPO = Path.of(System.getProperty("palisade.repo", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE = REPO.resolve("deploy/compose/docker-compose.yml");
    private static final Path CONFIG = REPO.resolve("deploy/prometheus/prometheus-compose.yml");
    private static final String DRIVER_PORT = "9464"; // the image's PALISADE_METRICS_PORT

    @Test
    void prometheusScrapesEveryServiceAndEveryNodesDriver() throws IOException {
        Map<String, Map<String, Object>> services = map(load(COMPOSE).get("services"));
        Map<String, List<String>> targets = new HashMap<>();
        Map<String, String> nodeLabel = new HashMap<>();
        for (Map<String, Object> job : list(load(CONFIG).get("scrape_configs"))) {
            String name = (String) job.get("job_name");
            List<String> jobTargets = targets.computeIfAbsent(name, n -> new ArrayList<>());
            for (Map<String, Object> group : list(job.getOrDefault("static_configs", List.of()))) {
                for (String t : this.<String>strings(group.get("targets"))) {
                    jobTargets.add(t);
                    Object labels = group.get("labels");
                    if (labels != null) {
                        nodeLabel.put(t, String.valueOf(map(labels).get("node")));
                    }
                }
            }
            for (Map<String, Object> dns : list(job.getOrDefault("dns_sd_configs", List.of()))) {
                strings(dns.get("names")).forEach(n -> jobTargets.add(n + ":" + dns.get("port")));
            }
        }
        assertThat(targets.get("ingest-service")).containsExactly("ingest:8080");
        assertThat(targets.get("policy-calculator")).containsExactly("policy-calculator:8082");
        assertThat(targets.get("hep-controller")).containsExactly("hep-controller:8083");
        assertThat(services).containsKeys("ingest", "policy-calculator", "hep-controller");

        List<String> drivers = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Map<String, Object> s = service.getValue();
            if (!String.valueOf(s.get("image")).startsWith("palisade/dataplane-driver:")) {
                continue;
            }
            Map<String, Object> env = map(s.get("environment"));
            String node = String.valueOf(env.get("PALISADE_NODE"));
            String netns = String.valueOf(s.get("network_mode"));
            assertThat(netns).as(service.getKey() + " runs in its node's network namespace").isEqualTo("service:" + node);
            assertThat(String.valueOf(env.get("PALISADE_METRICS_ADDRESS"))).as(service.getKey()
                    + " metrics listen where Prometheus reaches them").isIn("0.0.0.0", "::");
            String target = node + ":" + DRIVER_PORT;
            assertThat(targets.get("dataplane-driver")).as("scrape target of " + service.getKey()).contains(target);
            assertThat(nodeLabel.get(target)).as("node label of " + target).isEqualTo(node);
            drivers.add(node);
        }
        assertThat(drivers).containsExactlyInAnyOrder("master", "node1", "node2");
        assertThat(targets.get("dataplane-driver")).hasSameSizeAs(drivers);

        Map<String, Object> prometheus = services.get("prometheus");
        assertThat(strings(prometheus.get("volumes"))).contains(
                "../prometheus/prometheus-compose.yml:/etc/prometheus/prometheus.yml:ro",
                "../prometheus/rules:/etc/prometheus/rules:ro");
        assertThat(strings(prometheus.get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    /** The nodes' policies govern the metrics port too: the shipped access policy admits Prometheus's fixed address. */
    @Test
    void theAccessPolicyAdmitsPrometheusAtItsFixedAddress() throws IOException {
        Map<String, Object> prometheus = map(map(load(COMPOSE).get("services")).get("prometheus"));
        String address = String.valueOf(map(map(prometheus.get("networks")).get("backend")).get("ipv4_address"));
        List<Resource> access = SeedManifests.applyFile(REPO.resolve("deploy/compose/metrics-access.yaml")).resources();
        GlobalNetworkPolicy policy = access.stream().filter(GlobalNetworkPolicy.class::isInstance)
                .map(GlobalNetworkPolicy.class::cast).findFirst().orElseThrow();
        assertThat(policy.spec().ingress()).singleElement().satisfies(rule -> {
            assertThat(rule.source().nets()).containsExactly(address + "/32");
            assertThat(rule.destination().ports()).containsExactly(dev.palisade.model.resource.Port.single(Integer.parseInt(DRIVER_PORT)));
        });
    }

    @Test
    void promtoolAcceptsTheConfiguration() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("compose-prometheus-");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(REPO.resolve("deploy/prometheus/rules/palisade-alerts.yml"), rules.resolve("palisade-alerts.yml"));
        // the same file with the rule path the container mounts, rooted here
        Path config = Files.writeString(dir.resolve("prometheus.yml"), Files.readString(CONFIG)
                .replace("/etc/prometheus/rules/", rules + "/"));
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object o) {
        return (Map<String, V>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> strings(Object o) {
        return (List<T>) o;
    }
}
