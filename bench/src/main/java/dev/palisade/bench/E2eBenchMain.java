package dev.palisade.bench;

import dev.palisade.e2e.suite.EnforcementWatcher;
import dev.palisade.e2e.suite.IngestClient;
import dev.palisade.e2e.suite.Servers;
import dev.palisade.e2e.suite.Services;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;
import dev.palisade.testkit.Topology;
import dev.palisade.testkit.TopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run e2e}: the time from ingest-service accepting a policy change (its REST answer) to every
 * node enforcing it (the last node's {@code palisade.status} with the change's revision seen on Kafka), over
 * real servers, the services as processes and one network namespace per node; after each change a real probe
 * packet proves the new rule is in force. Sizes 1, 10 and 50 nodes (50 with one driver process per ten
 * namespaces); ends with one {@code RESULT {json}} line.
 */
public final class E2eBenchMain {

    private static final double P99_TARGET_MS_AT_10 = 300;
    private static final int PORT = 8001;
    private static final int OTHER_PORT = 8002;
    private static final int WARMUP = 3;
    private static final int PROBED_NODES = 5;
    private static final ResourceCodec CODEC = new ResourceCodec();

    private E2eBenchMain() {
    }

    /** One size's result. */
    record Size(int nodes, int driverProcesses, int samples, double p50Ms, double p99Ms, double maxMs, int probes,
                int probeMismatches) {
    }

    public static void main(String[] args) {
        Path repository = Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize();
        int[] sizes = Arrays.stream(System.getProperty("palisade.bench.nodes", "1,10,50").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int samples = Integer.getInteger("palisade.bench.samples", 30);
        List<Size> results = new ArrayList<>();
        for (int nodes : sizes) {
            Size size = run(repository, nodes, samples);
            System.err.printf(Locale.ROOT, "e2e %d nodes: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples, %d probes, %d wrong)%n",
                    nodes, size.p50Ms(), size.p99Ms(), size.maxMs(), size.samples(), size.probes(), size.probeMismatches());
            results.add(size);
        }
        boolean probesOk = results.stream().allMatch(r -> r.probeMismatches() == 0);
        boolean pass = probesOk && results.stream().filter(r -> r.nodes() == 10).allMatch(r -> r.p99Ms() < P99_TARGET_MS_AT_10);
        StringBuilder json = new StringBuilder("{\"benchmark\":\"e2e\",\"unit\":\"ms\",\"measure\":"
                + "\"REST accept to every node's palisade.status enforcing the revision\",\"sizes\":[");
        for (int i = 0; i < results.size(); i++) {
            Size r = results.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"nodes\":%d,\"driverProcesses\":%d,\"samples\":%d,\"p50Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,"
                            + "\"probes\":%d,\"probeMismatches\":%d}", r.nodes(), r.driverProcesses(), r.samples(),
                    r.p50Ms(), r.p99Ms(), r.maxMs(), r.probes(), r.probeMismatches()));
        }
        json.append(String.format(Locale.ROOT, "],\"target\":{\"p99MsAt10Nodes\":%.0f},\"loadAverage\":%.2f,"
                        + "\"probesOk\":%b,\"pass\":%b}", P99_TARGET_MS_AT_10,
                Machine.loadAverage(), probesOk, pass));
        System.out.println("RESULT " + json);
        System.exit(probesOk ? 0 : 1);
    }

    private static Size run(Path repository, int nodes, int samples) {
        TopologySpec spec = spec(nodes);
        int perDriver = nodes >= 50 ? 10 : 1;
        try (Servers servers = Servers.start(); Topology topology = Topology.build(spec)) {
            Map<String, String> namespaces = new LinkedHashMap<>();
            List<String> names = spec.hosts().stream().map(TopologySpec.HostSpec::name).filter(n -> !n.equals("client")).toList();
            names.forEach(n -> namespaces.put(n, topology.host(n).ns().name()));
            List<String> probed = names.subList(0, Math.min(PROBED_NODES, names.size()));
            probed.forEach(n -> topology.listen(n, Protocol.TCP, PORT));
            try (Services services = Services.start(repository, servers, namespaces, new Services.Layout(false, perDriver));
                 EnforcementWatcher watcher = new EnforcementWatcher(servers.kafka().bootstrapServers())) {
                IngestClient client = services.client();
                List<Resource> endpoints = new ArrayList<>();
                for (String n : names) {
                    endpoints.add(CODEC.decodeSingle("""
                            apiVersion: projectcalico.org/v3
                            kind: HostEndpoint
                            metadata: {name: %1$s-eth0, labels: {role: bench}}
                            spec: {node: %1$s, interfaceName: eth0, expectedIPs: [%2$s]}
                            """.formatted(n, spec.host(n).ipv4())));
                }
                endpoints.add(policy(PORT));
                long applyStart = System.nanoTime();
                long revision = client.apply(endpoints);
                System.err.printf(Locale.ROOT, "e2e %d nodes: initial apply of %d resources took %.0f ms%n", nodes,
                        endpoints.size(), (System.nanoTime() - applyStart) / 1e6);
                watcher.awaitAllEnforcing(names, revision, Duration.ofSeconds(120));

                List<Double> latencies = new ArrayList<>();
                int probes = 0;
                int wrong = 0;
                for (int i = 0; i < WARMUP + samples; i++) {
                    int port = i % 2 == 0 ? OTHER_PORT : PORT;
                    long written = client.apply(List.of(policy(port)));
                    long accepted = System.nanoTime();
                    long enforced = watcher.awaitAllEnforcing(names, written, Duration.ofSeconds(60));
                    if (i >= WARMUP) {
                        latencies.add(Math.max(0, enforced - accepted) / 1e6);
                    }
                    String target = probed.get(i % probed.size());
                    Reach reach = topology.probe("client", target, Protocol.TCP, PORT);
                    probes++;
                    if (reach.reachable() != (port == PORT)) {
                        wrong++;
                        System.err.println("probe client -> " + target + ":" + PORT + " after allowing " + port + ": "
                                + reach);
                    }
                }
                double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                return new Size(nodes, (nodes + perDriver - 1) / perDriver, sorted.length, percentile(sorted, 50),
                        percentile(sorted, 99), sorted[sorted.length - 1], probes, wrong);
            }
        }
    }

    /** Nearest-rank percentile. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static Resource policy(int port) {
        return CODEC.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: bench-allow}
                spec:
                  selector: role == 'bench'
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [%d]}}]
                """.formatted(port));
    }

    /** {@code n01…} at 198.19.1.x and a client at 198.19.15.250, all on one segment. */
    private static TopologySpec spec(int nodes) {
        List<TopologySpec.HostSpec> hosts = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            hosts.add(new TopologySpec.HostSpec(String.format(Locale.ROOT, "n%02d", i), "198.19.1." + i, null));
        }
        hosts.add(new TopologySpec.HostSpec("client", "198.19.15.250", null));
        return new TopologySpec(20, hosts, List.of(), List.of());
    }
}
