package dev.palisade.e2e.faults;

import dev.palisade.e2e.faults.WriteLedger.Outcome;
import dev.palisade.e2e.oracle.Oracle;
import dev.palisade.e2e.oracle.PacketPath;
import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.Expect;
import dev.palisade.e2e.scenario.NodeFacts;
import dev.palisade.e2e.scenario.Seeds;
import dev.palisade.e2e.suite.IngestClient;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Listener;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 17's fault matrix on the whole suite: a stream of changes (policies, network sets and node labels
 * through the REST API, node labels as CloudEvents, deletes) while faults are injected at random moments
 * (kill -9 of each service, etcd, the Kafka broker and PostgreSQL killed and restarted, a driver's table flushed by
 * "another tool"), with a supervisor that restarts every service that died, as compose or Kubernetes would.
 * Afterwards every write the API acknowledged must be in etcd, on {@code palisade.resources} and in the audit log;
 * no write it refused may be in force; every node must enforce the final revision; and real packets must get the
 * verdicts {@code palisade simulate} gives on the final resources. A seed makes a run reproducible.
 */
public final class FaultMatrix {

    /** How much to do: changes in the stream, faults among them, and the seed for both. */
    public record Config(long seed, int changes, int faults, List<FaultKind> kinds) {
        public Config {
            kinds = List.copyOf(kinds);
        }
    }

    public enum FaultKind { INGEST, CALCULATOR, HEP_CONTROLLER_LEADER, HEP_CONTROLLER_FOLLOWER, DRIVER, TABLE_FLUSH, ETCD, KAFKA, POSTGRES }

    /** What a run found; {@link #clean()} when nothing was lost, behind or wrong. */
    public record Report(long seed, int changes, int acknowledged, int refused, int unknown, Map<String, Integer> byKind,
                         int lostWrites, int nodesBehind, int kernelMismatches, int probes, double maxRecoverySeconds,
                         double convergeSeconds, List<String> problems) {
        public int faults() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        public boolean clean() {
            return lostWrites == 0 && nodesBehind == 0 && kernelMismatches == 0 && problems.isEmpty();
        }
    }

    private static final String PREFIX = "fm-";
    private static final int POLICIES = 6;
    private static final int SETS = 3;
    private static final List<Integer> PORTS = List.of(7001, 7002, 7003);
    private static final List<String> SELECTORS = List.of("has(kubernetes-host)", "fm-role == 'web'",
            "fm-role == 'db'", "kubernetes.io/hostname == 'node1'", "kubernetes.io/hostname == 'master'");
    private static final List<String> NETS = List.of("198.19.15.254/32", "198.19.15.0/24", "198.19.0.0/24",
            "198.18.99.0/24");
    private static final String REST_NODE = "node1";
    private static final String EVENT_NODE = "node2";
    private static final Duration RECOVERY = Duration.ofSeconds(180);

    private final Suite suite;
    private final Config config;
    private final Random random;
    private final ResourceCodec codec = new ResourceCodec();
    private final WriteLedger ledger = new WriteLedger();
    /** The revision each acknowledged write returned, for the audit check. */
    private final Map<String, List<Long>> acknowledgedRevisions = new ConcurrentHashMap<>();
    private final Map<String, Integer> byKind = new TreeMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger done = new AtomicInteger();
    private volatile double maxRecoverySeconds;

    public FaultMatrix(Suite suite, Config config) {
        this.suite = suite;
        this.config = config;
        this.random = new Random(config.seed());
    }

    public Report run() {
        List<Listener> listeners = prepare();
        try {
            List<Integer> moments = faultMoments();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread supervisor = Thread.ofPlatform().name("fault-matrix-supervisor").start(() -> supervise(streaming));
            Thread injector = Thread.ofPlatform().name("fault-matrix-injector").start(() -> inject(moments));
            stream();
            join(injector);
            streaming.set(false);
            join(supervisor);
            suite.services().restartDead();
            return check();
        } finally {
            listeners.forEach(Listener::close);
        }
    }

    /** Nodes known, automatic host endpoints on, listeners on every node for the probed ports. */
    private List<Listener> prepare() {
        for (String node : Suite.NODES) {
            publishNode(Action.NodeEvent.ADDED, node, Map.of()).join();
        }
        suite.client().patch(Kind.KUBE_CONTROLLERS_CONFIGURATION, "default", Action.EnableAutoHostEndpoints.PATCH);
        List<Listener> listeners = new ArrayList<>();
        for (String node : Suite.NODES) {
            for (int port : PORTS) {
                listeners.add(suite.topology().listen(node, Protocol.TCP, port));
            }
        }
        return listeners;
    }

    private List<Integer> faultMoments() {
        List<Integer> moments = new ArrayList<>();
        for (int i = 0; i < config.faults(); i++) {
            moments.add(random.nextInt(Math.max(1, config.changes())));
        }
        moments.sort(null);
        return moments;
    }

    // ---- the change stream -------------------------------------------------------------------------------

    private void stream() {
        Random changes = new Random(config.seed() * 31 + 7);
        for (int i = 0; i < config.changes(); i++) {
            String write = "w" + i;
            int roll = changes.nextInt(20);
            if (roll < 8) {
                String name = PREFIX + "pol-" + changes.nextInt(POLICIES);
                rest(Kind.GLOBAL_NETWORK_POLICY, name, write, () -> apply(policy(name, write, changes)));
            } else if (roll < 10) {
                String name = PREFIX + "pol-" + changes.nextInt(POLICIES);
                restDelete(Kind.GLOBAL_NETWORK_POLICY, name, write);
            } else if (roll < 13) {
                String name = PREFIX + "set-" + changes.nextInt(SETS);
                rest(Kind.GLOBAL_NETWORK_SET, name, write, () -> apply(networkSet(name, write, changes)));
            } else if (roll < 14) {
                restDelete(Kind.GLOBAL_NETWORK_SET, PREFIX + "set-" + changes.nextInt(SETS), write);
            } else if (roll < 17) {
                String role = changes.nextBoolean() ? "web" : "db";
                rest(Kind.NODE, REST_NODE, write, () -> suite.client().patch(Kind.NODE, REST_NODE,
                        "{\"metadata\":{\"labels\":{\"fm-role\":\"" + role + "\",\"fm-write\":\"" + write + "\"}}}"));
            } else {
                String role = changes.nextBoolean() ? "web" : "db";
                String key = key(Kind.NODE, EVENT_NODE);
                publishNode(Action.NodeEvent.UPDATED, EVENT_NODE, Map.of("fm-role", role, "fm-write", write))
                        .whenComplete((metadata, failure) -> ledger.record(key, write,
                                failure == null ? Outcome.ACKNOWLEDGED : Outcome.UNKNOWN));
            }
            done.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(50 + changes.nextInt(250)).toNanos()); // the stream's pace
        }
    }

    private java.util.concurrent.CompletableFuture<?> publishNode(String type, String node, Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>(Seeds.baseLabels(node));
        labels.putAll(extra);
        Action.NodeEvent event = new Action.NodeEvent(type, node, labels);
        return suite.nodeEvents().send(event, NodeFacts.of(suite.spec(), event));
    }

    private long apply(Resource resource) {
        return suite.client().apply(List.of(resource));
    }

    private interface Write {
        long send();
    }

    private void rest(Kind kind, String name, String write, Write call) {
        String key = key(kind, name);
        Outcome outcome = outcomeOf(() -> {
            long revision = call.send();
            acknowledgedRevisions.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(revision);
        });
        ledger.record(key, write, outcome);
    }

    private void restDelete(Kind kind, String name, String write) {
        String key = key(kind, name);
        Outcome outcome = outcomeOf(() -> {
            try {
                suite.client().delete(kind, name);
            } catch (IngestClient.RefusedException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        });
        // a delete's effect is absence, whichever write it removed
        ledger.record(key, WriteLedger.ABSENT, outcome);
    }

    /**
     * What the API told us: 2xx acknowledged; 504 and a connection cut mid-request are unknown; any other answer,
     * and a connection never made, is a refusal (the write must not take effect).
     */
    private static Outcome outcomeOf(Runnable call) {
        try {
            call.run();
            return Outcome.ACKNOWLEDGED;
        } catch (IngestClient.RefusedException e) {
            return e.status() == 504 ? Outcome.UNKNOWN : Outcome.REFUSED;
        } catch (UncheckedIOException e) {
            return connectionRefused(e.getCause()) ? Outcome.REFUSED : Outcome.UNKNOWN;
        } catch (IllegalStateException e) {
            return e.getMessage() != null && e.getMessage().startsWith("ingest-service refused")
                    ? Outcome.REFUSED : Outcome.UNKNOWN;
        }
    }

    private static boolean connectionRefused(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Resource policy(String name, String write, Random changes) {
        String source = switch (changes.nextInt(3)) {
            case 0 -> "{\"nets\":[\"" + NETS.get(changes.nextInt(NETS.size())) + "\"]}";
            case 1 -> "{\"selector\":\"fm-set == '" + PREFIX + "set-" + changes.nextInt(SETS) + "'\"}";
            default -> "{}";
        };
        String action = changes.nextInt(4) == 0 ? "Deny" : "Allow";
        return codec.decode(json("""
                {"apiVersion":"projectcalico.org/v3","kind":"GlobalNetworkPolicy",
                 "metadata":{"name":"%s","annotations":{"fm-write":"%s"}},
                 "spec":{"selector":"%s","order":%d,"types":["Ingress"],
                         "ingress":[{"action":"%s","protocol":"TCP","source":%s,"destination":{"ports":[%d]}}]}}
                """.formatted(name, write, SELECTORS.get(changes.nextInt(SELECTORS.size())), 10 + changes.nextInt(990),
                action, source, PORTS.get(changes.nextInt(PORTS.size())))));
    }

    private Resource networkSet(String name, String write, Random changes) {
        return codec.decode(json("""
                {"apiVersion":"projectcalico.org/v3","kind":"GlobalNetworkSet",
                 "metadata":{"name":"%s","labels":{"fm-set":"%s"},"annotations":{"fm-write":"%s"}},
                 "spec":{"nets":["%s"]}}
                """.formatted(name, name, write, NETS.get(changes.nextInt(NETS.size())))));
    }

    private com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return codec.jsonMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Kind kind, String name) {
        return kind.kindName() + "/" + name;
    }

    // ---- faults and the supervisor ------------------------------------------------------------------------

    /** Every kind once, in a seeded order, before any repeats: a short run still covers them all. */
    private void inject(List<Integer> moments) {
        List<FaultKind> order = new ArrayList<>(config.kinds());
        Collections.shuffle(order, random);
        int injected = 0;
        for (int moment : moments) {
            while (done.get() < moment) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            FaultKind kind = order.get(injected++ % order.size());
            long started = System.nanoTime();
            try {
                injectOne(kind);
            } catch (RuntimeException e) {
                problems.add("fault " + kind + " at change " + moment + ": " + e.getMessage());
            }
            synchronized (byKind) {
                byKind.merge(kind.name(), 1, Integer::sum);
            }
            recordRecovery(started);
        }
    }

    private void injectOne(FaultKind kind) {
        String node = Suite.NODES.get(random.nextInt(Suite.NODES.size()));
        switch (kind) {
            case INGEST -> crashAndAwait("ingest-service");
            case CALCULATOR -> crashAndAwait("policy-calculator");
            case HEP_CONTROLLER_LEADER -> {
                crashAndAwait(hepController(true));
                hepController(true);
            }
            case HEP_CONTROLLER_FOLLOWER -> crashAndAwait(hepController(false));
            case DRIVER -> crashAndAwait("driver-" + node);
            case TABLE_FLUSH -> {
                suite.topology().host(node).ns().exec("nft", "flush", "table", "inet", "palisade");
                awaitTableRepaired(node);
            }
            case ETCD -> {
                suite.servers().etcd().crash();
                outage();
                suite.servers().etcd().restart();
            }
            case KAFKA -> {
                suite.servers().kafka().crash();
                outage();
                suite.servers().kafka().restart();
            }
            case POSTGRES -> {
                suite.servers().postgres().crash();
                outage();
                suite.servers().postgres().restart();
            }
        }
    }

    /** The replica that leads now, or one that does not; the leader is waited for after the last takeover. */
    private String hepController(boolean leader) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Optional<String> leading;
        while ((leading = suite.services().hepControllerLeader()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no hep-controller replica leads within " + RECOVERY.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        String current = leading.get();
        return leader ? current : suite.services().hepControllers().stream().filter(n -> !n.equals(current))
                .findFirst().orElseThrow();
    }

    /** How long a crashed server stays down before its supervisor starts it: 0.5 to 3 s. */
    private void outage() {
        LockSupport.parkNanos(Duration.ofMillis(500 + random.nextInt(2500)).toNanos());
    }

    private void crashAndAwait(String process) {
        suite.services().crash(process);
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!suite.services().processes().stream().filter(p -> p.name().equals(process)).allMatch(p -> p.isAlive())
                || suite.services().deadService() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process + " not running again within " + RECOVERY.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** The driver's drift check notices a flushed table and restores it: its input chain has rules again. */
    private void awaitTableRepaired(String node) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!suite.topology().host(node).ns().exec("nft", "list", "table", "inet", "palisade").stdout().contains("jump")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the flushed table of " + node + " was not restored");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private void recordRecovery(long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        maxRecoverySeconds = Math.max(maxRecoverySeconds, seconds);
    }

    /** Restarts whatever died; a service that cannot start again is a finding, not a hang. */
    private void supervise(AtomicBoolean streaming) {
        while (streaming.get()) {
            try {
                suite.services().restartDead();
            } catch (RuntimeException e) {
                problems.add("supervisor: " + e.getMessage());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- after the stream --------------------------------------------------------------------------------

    private Report check() {
        long started = System.nanoTime();
        IngestClient client = suite.client();
        List<Kind> kinds = List.of(Kind.GLOBAL_NETWORK_POLICY, Kind.GLOBAL_NETWORK_SET, Kind.NODE, Kind.HOST_ENDPOINT);
        // node events still in the intake: wait until the event node shows the last one sent, or time runs out
        List<Resource> stored = awaitStable(client, kinds);
        int lost = 0;
        Map<String, String> found = new HashMap<>();
        for (Resource r : stored) {
            String key = key(r.kind(), r.metadata().name());
            String write = r.kind() == Kind.NODE ? r.metadata().labels().get("fm-write")
                    : r.metadata().annotations().get("fm-write");
            if (write != null) {
                found.put(key, write);
            }
        }
        for (String key : ledger.resources()) {
            Optional<String> wrong = ledger.check(key, found.getOrDefault(key, WriteLedger.ABSENT));
            if (wrong.isPresent()) {
                lost++;
                problems.add("etcd: " + wrong.get());
            }
        }
        lost += auditGaps(client);
        int behind = 0;
        try {
            awaitPublished(stored, kinds);
            suite.awaitEnforced();
        } catch (IllegalStateException e) {
            behind = Math.max(1, suite.watcher().behind(Suite.NODES).size());
            problems.add("not enforced: " + e.getMessage());
        }
        double converge = (System.nanoTime() - started) / 1e9;
        List<Resource> context = new ArrayList<>(stored);
        context.addAll(client.list(Kind.FELIX_CONFIGURATION).items());
        context.addAll(client.list(Kind.TIER).items());
        context.addAll(client.list(Kind.PROFILE).items());
        int[] probes = {0};
        int mismatches = kernelMismatches(context, probes);
        return new Report(config.seed(), config.changes(), ledger.count(Outcome.ACKNOWLEDGED),
                ledger.count(Outcome.REFUSED), ledger.count(Outcome.UNKNOWN), new TreeMap<>(byKind), lost, behind,
                mismatches, probes[0], maxRecoverySeconds, converge, List.copyOf(problems));
    }

    /** The resources once two reads in a row agree (node events may still be on their way through the intake). */
    private List<Resource> awaitStable(IngestClient client, List<Kind> kinds) {
        long deadline = System.nanoTime() + Suite.SETTLE.toNanos();
        List<Resource> last = List.of();
        while (true) {
            List<Resource> now = new ArrayList<>();
            for (Kind kind : kinds) {
                now.addAll(client.list(kind).items());
            }
            String eventNode = now.stream().filter(r -> r.kind() == Kind.NODE && r.metadata().name().equals(EVENT_NODE))
                    .map(r -> r.metadata().labels().get("fm-write")).findFirst().orElse(null);
            boolean eventsIn = eventNode != null
                    && ledger.check(key(Kind.NODE, EVENT_NODE), eventNode).isEmpty();
            if ((eventsIn && now.equals(last)) || System.nanoTime() > deadline) {
                return now;
            }
            last = now;
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private void awaitPublished(List<Resource> stored, List<Kind> kinds) {
        long deadline = System.nanoTime() + Suite.SETTLE.toNanos();
        while (!suite.published(stored, kinds)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the final resources never all reached palisade.resources");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /**
     * Every acknowledged REST write's revision must be in the audit log. A row PostgreSQL refused during an outage is
     * written from its note in etcd a few seconds later, so the log is read until it is complete or 30 s have passed.
     */
    private int auditGaps(IngestClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> gaps = missingAuditRevisions(client);
        while (!gaps.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            gaps = missingAuditRevisions(client);
        }
        gaps.forEach(gap -> problems.add("audit: " + gap + " was acknowledged but is not audited"));
        return gaps.size();
    }

    private List<String> missingAuditRevisions(IngestClient client) {
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : acknowledgedRevisions.entrySet()) {
            String[] parts = e.getKey().split("/", 2);
            Kind kind = Kind.byName(parts[0]).orElseThrow();
            var audited = client.auditRevisions(kind, parts[1]);
            for (long revision : e.getValue()) {
                if (!audited.contains(revision)) {
                    gaps.add(e.getKey() + " revision " + revision);
                }
            }
        }
        return gaps;
    }

    /** Real packets from outside and from the master to every node's probed ports, against the simulation. */
    private int kernelMismatches(List<Resource> resources, int[] probes) {
        Oracle oracle = new Oracle(new PacketPath(suite.spec(), Suite.NODES));
        int mismatches = 0;
        for (String from : List.of("external", "master")) {
            for (String to : Suite.NODES) {
                if (from.equals(to)) {
                    continue;
                }
                for (int port : PORTS) {
                    Expect expect = new Expect(from, to, Protocol.TCP, port, true);
                    boolean simulated = oracle.judge(resources, expect).reachable();
                    Reach observed = suite.probe(from, to, Protocol.TCP, port);
                    probes[0]++;
                    if ((observed == Reach.OPEN) != simulated || observed == Reach.REFUSED) {
                        mismatches++;
                        problems.add("kernel: " + from + " -> " + to + ":" + port + " observed " + observed
                                + ", simulate says " + (simulated ? "open" : "dropped"));
                    }
                }
            }
        }
        return mismatches;
    }
}
