package dev.palisade.e2e.compose;

import dev.palisade.e2e.suite.Cluster;
import dev.palisade.e2e.suite.EnforcementWatcher;
import dev.palisade.e2e.suite.IngestClient;
import dev.palisade.e2e.suite.NodeEventPublisher;
import dev.palisade.e2e.suite.Services;
import dev.palisade.e2e.suite.Suite;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Commands;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;
import dev.palisade.testkit.TopologySpec;
import java.net.URI;
import java.util.List;

/**
 * The demo cluster of {@code deploy/compose/docker-compose.yml} on a Docker engine: the same hosts and
 * addresses as {@link TopologySpec#demo()}, each a container; the suite reached through its published ports
 * (REST API, the calculator's metrics, Kafka's external listener) as an outside system would reach it.
 * Probes are real TCP connections made inside the source container ({@code docker exec}).
 */
public final class ComposeCluster implements Cluster, AutoCloseable {

    /** A dropped SYN costs this much; a refused one answers at once. */
    private static final String PROBE_TIMEOUT_SECONDS = "2";

    private final TopologySpec spec = TopologySpec.demo();
    private final Docker docker;
    private final IngestClient client;
    private final URI calculatorMetrics;
    private final NodeEventPublisher nodeEvents;
    private final EnforcementWatcher watcher;

    public ComposeCluster(Docker docker, URI ingest, String token, URI calculatorMetrics, String kafkaBootstrap) {
        this.docker = docker;
        this.client = new IngestClient(ingest, token);
        this.calculatorMetrics = calculatorMetrics;
        this.nodeEvents = new NodeEventPublisher(kafkaBootstrap);
        this.watcher = new EnforcementWatcher(kafkaBootstrap);
    }

    @Override
    public TopologySpec spec() {
        return spec;
    }

    @Override
    public IngestClient client() {
        return client;
    }

    @Override
    public NodeEventPublisher nodeEvents() {
        return nodeEvents;
    }

    @Override
    public boolean published(List<Resource> stored, List<Kind> kinds) {
        return watcher.published(stored, kinds);
    }

    @Override
    public void awaitEnforced() {
        watcher.awaitEnforced(watcher.publishedRevision(), () -> Services.calculatorRevision(calculatorMetrics),
                Suite.NODES, Suite.SETTLE);
    }

    /** bash's {@code /dev/tcp} under {@code timeout}: 0 connected, 124 no answer, 1 reset or unreachable. */
    @Override
    public Reach probe(String from, String to, Protocol protocol, int port) {
        if (protocol != Protocol.TCP) {
            throw new IllegalArgumentException("the compose cluster probes TCP only, not " + protocol);
        }
        Commands.Result result = docker.exec(from, "timeout", PROBE_TIMEOUT_SECONDS, "bash", "-c",
                "exec 3<>/dev/tcp/" + address(to) + "/" + port);
        return switch (result.exitCode()) {
            case 0 -> Reach.OPEN;
            case 124 -> Reach.TIMEOUT;
            case 1 -> Reach.REFUSED;
            default -> throw new IllegalStateException("probe " + from + " -> " + to + ":" + port + " could not run (exit "
                    + result.exitCode() + "): " + result.stderr().strip());
        };
    }

    private String address(String host) {
        return spec.hosts().stream().filter(h -> h.name().equals(host)).map(TopologySpec.HostSpec::ipv4).findFirst()
                .orElseGet(() -> spec.pod(host).ipv4());
    }

    @Override
    public void close() {
        watcher.close();
        nodeEvents.close();
    }
}
