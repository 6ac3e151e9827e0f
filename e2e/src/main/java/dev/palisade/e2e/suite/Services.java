package dev.palisade.e2e.suite;

import dev.palisade.testkit.Ports;
import dev.palisade.testkit.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four services started as the packaged processes an operator would run, on loopback against the real
 * servers: ingest-service (REST API, CloudEvents intake), the policy calculator, the hep-controller (with its
 * own editor token) and one dataplane driver per node namespace. Each is waited for until its readiness
 * endpoint says so; closing stops them by PID, drivers first.
 */
public final class Services implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START = Duration.ofSeconds(180);
    private static final String HEP_CONTROLLER = "hep-controller";
    private static final int HEP_CONTROLLER_REPLICAS = 2;
    /** The calculator's gauge of the highest revision it applied and published (set after each flush). */
    private static final Pattern REVISION = Pattern.compile("(?m)^palisade_calc_resource_revision(?:\\{[^}]*})? (\\S+)$");

    private final List<ServerProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How to tell that each process (by name) is ready again, for a supervisor's restart. */
    private final Map<String, Function<ServerProcess, BooleanSupplier>> readiness =
            new HashMap<>();
    private final Map<String, URI> controllerHealth = new TreeMap<>();
    private final Map<ServerProcess, Integer> driverCount = new HashMap<>();
    private final List<ScrapeTarget> scrapeTargets = new ArrayList<>();
    private final Path repository;
    private final Servers servers;
    private URI ingest;
    private URI calculatorMetrics;
    private String userToken;
    private Path tokensFile;

    private Services(Path repository, Servers servers) {
        this.repository = repository;
        this.servers = servers;
    }

    /**
     * How the services are laid out: whether the hep-controller runs, and how many node namespaces one
     * driver process serves (1 = a process per node, as deployed; more = {@code DataplaneDriverGroup}).
     */
    public record Layout(boolean hepController, int nodesPerDriver) {
        public static final Layout DEPLOYED = new Layout(true, 1);

        public Layout {
            if (nodesPerDriver < 1) {
                throw new IllegalArgumentException("nodesPerDriver must be at least 1, got " + nodesPerDriver);
            }
        }
    }

    /** Starts the services; {@code nodes} maps each node name to the network namespace its driver enforces in. */
    public static Services start(Path repository, Servers servers, Map<String, String> nodes, Layout layout) {
        Services services = new Services(repository, servers);
        try {
            services.startAll(nodes, layout);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> nodes, Layout layout) {
        Path secrets = secretsDir();
        userToken = "e2e-user-" + Long.toHexString(System.nanoTime());
        String controllerToken = "e2e-hepctl-" + Long.toHexString(System.nanoTime());
        Path tokens = tokensFile = write(secrets.resolve("tokens"), "# token,subject,role\n" + userToken + ",e2e-user,editor\n"
                + controllerToken + ",hep-controller,editor\n");
        Path controllerTokenFile = write(secrets.resolve("hep-controller.token"), controllerToken + "\n");

        int ingestPort = Ports.freeLoopbackPort();
        ingest = URI.create("http://127.0.0.1:" + ingestPort);
        URI ingestReady = ingest.resolve("/q/health/ready");
        ServerProcess ingestProcess = own(p -> () -> status(ingestReady) == 200, ServerProcess.start("ingest-service", List.of(java(), "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Dkafka.bootstrap.servers=" + servers.kafka().bootstrapServers(),
                "-Detcd.endpoints=" + servers.etcd().endpoint(),
                "-Dquarkus.datasource.reactive.url=" + servers.postgres().reactiveUrl(),
                "-Dquarkus.datasource.username=" + servers.postgres().user(),
                "-Dquarkus.datasource.password=" + servers.postgres().password(),
                "-Dpalisade.ingest.auth.tokens-file=" + tokens,
                "-Dpalisade.ingest.publisher.retry-delay=500ms",
                "-Dquarkus.http.port=" + ingestPort,
                "-jar", Component.INGEST.artifact(repository).toString())));

        int calculatorPort = Ports.freeLoopbackPort();
        calculatorMetrics = URI.create("http://127.0.0.1:" + calculatorPort + "/q/metrics");
        URI calculatorReady = URI.create("http://127.0.0.1:" + calculatorPort + "/q/health/ready");
        scrapeTargets.add(new ScrapeTarget("ingest-service", "127.0.0.1:" + ingestPort, "/q/metrics", null));
        scrapeTargets.add(new ScrapeTarget("policy-calculator", "127.0.0.1:" + calculatorPort, "/q/metrics", null));
        ServerProcess calculator = own(p -> () -> status(calculatorReady) == 200, ServerProcess.start("policy-calculator", List.of(java(), "-Xmx256m",
                "-XX:+UseSerialGC", "-Dkafka.bootstrap.servers=" + servers.kafka().bootstrapServers(),
                "-Dquarkus.http.port=" + calculatorPort,
                "-jar", Component.CALCULATOR.artifact(repository).toString())));

        // two replicas, as deployed: one leads through its etcd lease, the other stands by
        List<ServerProcess> controllers = new ArrayList<>();
        for (int replica = 1; layout.hepController() && replica <= HEP_CONTROLLER_REPLICAS; replica++) {
            int controllerPort = Ports.freeLoopbackPort();
            scrapeTargets.add(new ScrapeTarget(HEP_CONTROLLER, "127.0.0.1:" + controllerPort, "/q/metrics", null));
            URI controllerReady = URI.create("http://127.0.0.1:" + controllerPort + "/q/health/ready");
            controllerHealth.put(HEP_CONTROLLER + "-" + replica, controllerReady);
            controllers.add(own(p -> () -> status(controllerReady) == 200,
                    ServerProcess.start(HEP_CONTROLLER + "-" + replica,
                    List.of(java(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-Dkafka.bootstrap.servers=" + servers.kafka().bootstrapServers(),
                            "-Detcd.endpoints=" + servers.etcd().endpoint(),
                            "-Dpalisade.hep-controller.ingest-url=" + ingest,
                            "-Dpalisade.hep-controller.token-file=" + controllerTokenFile,
                            "-Dpalisade.hep-controller.lease-ttl-seconds=5",
                            "-Dquarkus.http.port=" + controllerPort,
                            "-jar", Component.HEP_CONTROLLER.artifact(repository).toString()))));
        }

        // ingest-service creates the topics at its first publication, which the calculator and controller await
        ingestProcess.awaitReady(START, "ready /q/health/ready", () -> status(ingestReady) == 200);
        calculator.awaitReady(START, "in sync (/q/health/ready)", () -> status(calculatorReady) == 200);
        for (ServerProcess controller : controllers) {
            controller.awaitReady(START, "ready, and one replica leads", () -> status(controllerHealth.get(
                    controller.name())) == 200 && hepControllerLeader().isPresent());
        }
        List<Map.Entry<String, String>> all = List.copyOf(nodes.entrySet());
        List<ServerProcess> started = new ArrayList<>();
        for (int from = 0; from < all.size(); from += layout.nodesPerDriver()) {
            started.add(startDrivers(all.subList(from, Math.min(all.size(), from + layout.nodesPerDriver()))));
        }
        for (ServerProcess driver : started) {
            int expected = driverCount.get(driver);
            driver.awaitReady(START, expected + " driver(s) started",
                    () -> driver.logText().split("driver for node ", -1).length - 1 >= expected);
        }
    }

    /** A driver process for these nodes: the deployed one for a single node, a group for several. */
    private ServerProcess startDrivers(List<Map.Entry<String, String>> nodes) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + (64 + 16 * nodes.size()) + "m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp",
                Component.DRIVER.classpath(repository)));
        List<String> options = List.of("--bootstrap", servers.kafka().bootstrapServers(), "--interface-poll-ms", "200");
        String name;
        Function<ServerProcess, BooleanSupplier> ready;
        if (nodes.size() == 1) {
            name = "driver-" + nodes.getFirst().getKey();
            command.add("dev.palisade.driver.adapter.DataplaneDriver");
            command.addAll(options);
            command.addAll(List.of("--node", nodes.getFirst().getKey(), "--netns", nodes.getFirst().getValue()));
            int metricsPort = Ports.freeLoopbackPort();
            command.addAll(List.of("--metrics-port", Integer.toString(metricsPort)));
            scrapeTargets.add(new ScrapeTarget("dataplane-driver", "127.0.0.1:" + metricsPort, "/metrics",
                    nodes.getFirst().getKey()));
            URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
            ready = p -> () -> status(metrics) == 200;
        } else {
            name = "drivers-" + nodes.getFirst().getKey() + "-to-" + nodes.getLast().getKey();
            command.add("dev.palisade.driver.adapter.DataplaneDriverGroup");
            command.addAll(options);
            nodes.forEach(n -> command.add(n.getKey() + "=" + n.getValue()));
            int expected = nodes.size();
            // the log is appended to across restarts: count the starts since this one
            ready = p -> {
                int before = startedDrivers(p);
                return () -> startedDrivers(p) >= before + expected;
            };
        }
        ServerProcess driver = own(ready, ServerProcess.start(name, command));
        driverCount.put(driver, nodes.size());
        return driver;
    }

    private ServerProcess own(Function<ServerProcess, BooleanSupplier> ready,
                              ServerProcess process) {
        processes.add(process);
        readiness.put(process.name(), ready);
        return process;
    }

    private static int startedDrivers(ServerProcess process) {
        return process.logText().split("driver for node ", -1).length - 1;
    }

    private static boolean leader(URI ready) {
        return status(ready) == 200 && body(ready).matches("(?s).*\"leader\"\\s*:\\s*true.*");
    }

    /** The hep-controller replica that holds the lease now, by its readiness report. */
    public Optional<String> hepControllerLeader() {
        return controllerHealth.entrySet().stream().filter(e -> leader(e.getValue())).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The hep-controller replicas' process names. */
    public List<String> hepControllers() {
        return List.copyOf(controllerHealth.keySet());
    }

    /** The service processes' names: ingest-service, policy-calculator, hep-controller-1 and -2, driver-NODE... */
    public List<String> names() {
        return processes.stream().map(ServerProcess::name).toList();
    }

    /** kill -9 of the named service process, as a crash. */
    public void crash(String name) {
        processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service process " + name + " (have " + names() + ")"))
                .kill();
    }

    /**
     * What a supervisor (compose's restart policy, a Kubernetes pod) does: every service process that is no
     * longer running is started again with its command, and waited for until ready. Returns their names.
     */
    public synchronized List<String> restartDead() {
        List<String> restarted = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            ServerProcess dead = processes.get(i);
            if (dead.isAlive()) {
                continue;
            }
            String name = dead.name();
            ServerProcess again = dead.respawn();
            processes.set(i, again);
            again.awaitReady(START, "ready again after a restart", readiness.get(name).apply(again));
            restarted.add(name);
        }
        return restarted;
    }

    /**
     * Where Prometheus finds each service's metrics: ingest-service, the calculator and the hep-controller on
     * {@code /q/metrics}, each single-node driver on {@code /metrics} ({@code node} names its node: the
     * driver's own series carry no node label). Driver groups (several nodes in one process) serve none.
     */
    public record ScrapeTarget(String job, String address, String path, String node) {
    }

    public List<ScrapeTarget> scrapeTargets() {
        return List.copyOf(scrapeTargets);
    }

    public IngestClient client() {
        return new IngestClient(ingest, userToken);
    }

    /** The tokens ingest-service accepts ({@code token,subject,role} lines), for a person's CLI or curl. */
    /** The throwaway editor token of this run (the local suite prints it so the CLI can be pointed at it). */
    public String userToken() {
        return userToken;
    }

    public Path tokensFile() {
        return tokensFile;
    }

    public URI ingestUrl() {
        return ingest;
    }

    /** The revision the calculator last published every node's state for; -1 when it cannot say. */
    public long calculatorRevision() {
        return calculatorRevision(calculatorMetrics);
    }

    /** The same, read from a calculator's Prometheus endpoint at {@code metrics} (wherever it runs). */
    public static long calculatorRevision(URI metrics) {
        Matcher m = REVISION.matcher(body(metrics));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    public List<ServerProcess> processes() {
        return List.copyOf(processes);
    }

    /** A service that died since it started, with its log's tail; null when all run. */
    public String deadService() {
        for (ServerProcess p : processes) {
            if (!p.isAlive()) {
                String log = p.logText();
                return p + " exited; log tail:\n" + log.substring(Math.max(0, log.length() - 3000));
            }
        }
        return null;
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path secretsDir() {
        try {
            Path root = Path.of(System.getProperty("palisade.testkit.dir", "target/testkit")).toAbsolutePath();
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "secrets-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the services' tokens", e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (ServerProcess p : processes.reversed()) {
            try {
                p.stop(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        processes.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
