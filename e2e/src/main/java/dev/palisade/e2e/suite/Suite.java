package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Listener;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;
import dev.palisade.testkit.Topology;
import dev.palisade.testkit.TopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on this machine: the real servers, the demo cluster as network namespaces, and the four
 * services as processes (one driver per node namespace). Scenarios run one after another on it, each from a
 * clean datastore ({@link #reset}) with its own listeners. Closing undoes all of it.
 */
public final class Suite implements Cluster, AutoCloseable {

    /** The Kubernetes nodes of the demo cluster; every other host is outside it. */
    public static final List<String> NODES = List.of("master", "node1", "node2");
    public static final Duration SETTLE = Duration.ofSeconds(90);
    private static final List<Kind> USER_KINDS = List.of(Kind.GLOBAL_NETWORK_POLICY, Kind.GLOBAL_NETWORK_SET,
            Kind.HOST_ENDPOINT, Kind.NODE);

    private final Servers servers;
    private final Topology topology;
    private final List<Listener> listeners = new ArrayList<>();
    private Services services;
    private NodeEventPublisher nodeEvents;
    private EnforcementWatcher watcher;

    private Suite(Servers servers, Topology topology) {
        this.servers = servers;
        this.topology = topology;
    }

    public static Suite start(Path repository) {
        Servers servers = Servers.start();
        Topology topology;
        try {
            topology = Topology.build(TopologySpec.demo());
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        Suite suite = new Suite(servers, topology);
        try {
            Map<String, String> namespaces = new LinkedHashMap<>();
            NODES.forEach(n -> namespaces.put(n, topology.host(n).ns().name()));
            suite.services = Services.start(repository, servers, namespaces, Services.Layout.DEPLOYED);
            suite.nodeEvents = new NodeEventPublisher(servers.kafka().bootstrapServers());
            suite.watcher = new EnforcementWatcher(servers.kafka().bootstrapServers());
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    public Servers servers() {
        return servers;
    }

    public Topology topology() {
        return topology;
    }

    public Services services() {
        return services;
    }

    @Override
    public IngestClient client() {
        return services.client();
    }

    @Override
    public NodeEventPublisher nodeEvents() {
        return nodeEvents;
    }

    @Override
    public TopologySpec spec() {
        return topology.spec();
    }

    @Override
    public boolean published(List<Resource> stored, List<Kind> kinds) {
        return watcher.published(stored, kinds);
    }

    @Override
    public Reach probe(String from, String to, Protocol protocol, int port) {
        return topology.probe(from, to, protocol, port);
    }

    @Override
    public void awaitEnforced() {
        awaitEnforced(watcher.publishedRevision());
    }

    /** Waits until the datastore's state as of {@code revision} is enforced on every node. */
    public void awaitEnforced(long revision) {
        try {
            watcher.awaitEnforced(revision, services::calculatorRevision, NODES, SETTLE);
        } catch (IllegalStateException e) {
            String dead = services.deadService();
            throw dead == null ? e : new IllegalStateException(e.getMessage() + "; " + dead, e);
        }
    }

    public EnforcementWatcher watcher() {
        return watcher;
    }

    /** Starts the scenario's servers on its hosts, replacing any earlier scenario's. */
    public void listen(Scenario scenario) {
        stopListeners();
        for (Scenario.Listen l : scenario.listeners()) {
            listeners.add(l.http() ? topology.httpServer(l.host(), l.port()) : topology.listen(l.host(), l.protocol(), l.port()));
        }
    }

    private void stopListeners() {
        listeners.forEach(Listener::close);
        listeners.clear();
    }

    /**
     * Back to a fresh datastore: automatic host endpoints off, every policy, network set, host endpoint and
     * node deleted through the API, and that state enforced on every node.
     */
    public void reset() {
        stopListeners();
        IngestClient client = client();
        client.patch(Kind.KUBE_CONTROLLERS_CONFIGURATION, "default",
                "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Disabled\"}}}}}");
        for (Kind kind : USER_KINDS) {
            for (Resource r : client.list(kind).items()) {
                client.deleteIfPresent(kind, r.metadata().name());
            }
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            // the controller may still be writing an automatic host endpoint it was about to make
            List<Resource> left = new ArrayList<>();
            for (Kind kind : USER_KINDS) {
                left.addAll(client.list(kind).items());
            }
            if (left.isEmpty() && published(left, USER_KINDS)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reset: still in the datastore or on the resource topic: "
                        + left.stream().map(r -> r.key().toString()).toList() + " / " + watcher.publishedResources().keySet());
            }
            for (Resource r : left) {
                client.deleteIfPresent(r.kind(), r.metadata().name());
            }
            sleep();
        }
        awaitEnforced();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(this::stopListeners);
        if (watcher != null) {
            parts.add(watcher);
        }
        if (nodeEvents != null) {
            parts.add(nodeEvents);
        }
        if (services != null) {
            parts.add(services);
        }
        parts.add(topology);
        parts.add(servers);
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("stopping the suite failed", e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
