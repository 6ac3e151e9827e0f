package dev.palisade.e2e.suite;

import dev.palisade.e2e.oracle.Oracle;
import dev.palisade.e2e.oracle.PacketPath;
import dev.palisade.e2e.oracle.ScenarioWorld;
import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.Expect;
import dev.palisade.e2e.scenario.NodeFacts;
import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.e2e.scenario.ScenarioStep;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a scenario on a {@link Cluster} as its users would: node events as CloudEvents on the intake topic,
 * manifests and patches through ingest-service's REST API. After each step it waits until the datastore
 * holds what the step implies (nodes and their labels, the automatic host endpoints the controller must
 * write) and that state is enforced on every node, then probes with real packets and asks the reference
 * evaluator ({@code palisade simulate}) about the same probes on the resources read back from the API.
 */
public final class ScenarioRunner {

    /** Resource kinds the seeds touch; the simulation sees them as the API returns them. */
    private static final List<Kind> SIMULATED = List.of(Kind.NODE, Kind.HOST_ENDPOINT, Kind.GLOBAL_NETWORK_POLICY,
            Kind.GLOBAL_NETWORK_SET, Kind.FELIX_CONFIGURATION);

    /**
     * Kinds the seeds don't change but a verdict depends on, read once a step has settled: a policy in a tier the
     * simulation did not see would end in a tier with the default Deny (compose adds a tier of its own). Not
     * waited for on the topic: the built-ins among them are served by the API, never published.
     */
    private static final List<Kind> CONTEXT = List.of(Kind.TIER, Kind.PROFILE);

    private final Cluster cluster;
    private final Scenario scenario;
    private final ScenarioWorld world;
    private final Oracle oracle;

    public ScenarioRunner(Cluster cluster, Scenario scenario) {
        this.cluster = cluster;
        this.scenario = scenario;
        this.world = new ScenarioWorld(cluster.spec());
        this.oracle = new Oracle(new PacketPath(cluster.spec(), scenario.nodes()));
    }

    /** The first step's probes before anything is applied: no policy anywhere, so all must be open. */
    public StepReport baseline() {
        List<Expect> probes = scenario.steps().getFirst().expectations().stream()
                .map(e -> new Expect(e.from(), e.to(), e.protocol(), e.port(), true)).toList();
        return new StepReport("baseline: the hosts and listeners, nothing applied, nothing enforced", List.of(),
                probes, probe(probes, Optional.empty()), List.of());
    }

    public List<StepReport> steps() {
        List<StepReport> reports = new ArrayList<>();
        for (ScenarioStep step : scenario.steps()) {
            reports.add(run(step));
        }
        return reports;
    }

    public StepReport run(ScenarioStep step) {
        List<String> actions = step.actions().stream().map(Action::describe).toList();
        try {
            step.actions().forEach(this::perform);
            List<Resource> resources = settle(step);
            return new StepReport(step.title(), actions, step.expectations(),
                    probe(step.expectations(), Optional.of(resources)), List.of());
        } catch (RuntimeException e) {
            return new StepReport(step.title(), actions, step.expectations(), List.of(), List.of(String.valueOf(e.getMessage())));
        }
    }

    private void perform(Action action) {
        IngestClient client = cluster.client();
        switch (action) {
            case Action.NodeEvent event -> cluster.nodeEvents().publish(event, NodeFacts.of(cluster.spec(), event));
            case Action.Apply apply -> client.apply(apply.resources());
            case Action.Delete delete -> client.delete(delete.kind(), delete.name());
            case Action.EnableAutoHostEndpoints enable ->
                    client.patch(Kind.KUBE_CONTROLLERS_CONFIGURATION, "default", Action.EnableAutoHostEndpoints.PATCH);
        }
        world.apply(action);
    }

    /**
     * Waits until the API shows the nodes and host endpoints the step implies, then until that revision is
     * enforced everywhere; returns the resources as read back.
     */
    private List<Resource> settle(ScenarioStep step) {
        Map<String, String> wanted = fingerprint(world.resources());
        long deadline = System.nanoTime() + Suite.SETTLE.toNanos();
        while (true) {
            List<Resource> stored = new ArrayList<>();
            for (Kind kind : SIMULATED) {
                stored.addAll(cluster.client().list(kind).items());
            }
            Map<String, String> seen = fingerprint(stored);
            if (seen.equals(wanted) && cluster.published(stored, SIMULATED)) {
                step.hostEndpoints().ifPresent(names -> requireHostEndpoints(names, stored));
                cluster.awaitEnforced();
                for (Kind kind : CONTEXT) {
                    stored.addAll(cluster.client().list(kind).items());
                }
                return stored;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the datastore never showed the nodes and host endpoints this step implies"
                        + " (or they never reached the resource topic); wanted " + wanted + ", API has " + fingerprint(stored));
            }
            sleep();
        }
    }

    private static void requireHostEndpoints(List<String> names, List<Resource> stored) {
        List<String> present = stored.stream().filter(HostEndpoint.class::isInstance).map(r -> r.metadata().name()).sorted().toList();
        if (!new HashSet<>(present).equals(new HashSet<>(names))) {
            throw new IllegalStateException("host endpoints " + present + ", the seed shows " + names);
        }
    }

    /** Nodes and host endpoints by name, with what the step decides about them (labels, addresses, interface). */
    private static Map<String, String> fingerprint(List<Resource> resources) {
        Map<String, String> print = new TreeMap<>();
        for (Resource r : resources) {
            switch (r) {
                case Node node -> print.put("Node " + node.metadata().name(), new TreeMap<>(node.metadata().labels()).toString());
                case HostEndpoint hep -> print.put("HostEndpoint " + hep.metadata().name(),
                        new TreeMap<>(hep.metadata().labels()) + " node=" + hep.spec().node() + " if="
                                + hep.spec().interfaceName() + " ips=" + new java.util.TreeSet<>(hep.spec().expectedIPs())
                                + " profiles=" + hep.spec().profiles());
                default -> { }
            }
        }
        return print;
    }

    /** Probes in parallel: a blocked probe costs its whole timeout, so serial probing would add up. */
    private List<ProbeResult> probe(List<Expect> expects, Optional<List<Resource>> resources) {
        List<CompletableFuture<ProbeResult>> futures = expects.stream()
                .map(e -> CompletableFuture.supplyAsync(() -> new ProbeResult(e,
                        cluster.probe(e.from(), e.to(), e.protocol(), e.port()),
                        resources.map(rs -> oracle.judge(rs, e).reachable()))))
                .toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
