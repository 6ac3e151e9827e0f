package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Scenario;
import dev.palisade.testkit.Topology;
import dev.palisade.testkit.TopologySpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one scenario runs against: the real servers, the hosts as network namespaces with the
 * scenario's listeners, and the services the checkout can start. Closing undoes all of it.
 */
public final class Suite implements AutoCloseable {

    private final Path repository;
    private final Servers servers;
    private final Topology topology;

    private Suite(Path repository, Servers servers, Topology topology) {
        this.repository = repository;
        this.servers = servers;
        this.topology = topology;
    }

    public static Suite start(Path repository, Scenario scenario) {
        Servers servers = Servers.start();
        try {
            Topology topology = Topology.build(TopologySpec.demo());
            Suite suite = new Suite(repository, servers, topology);
            try {
                for (Scenario.Listen l : scenario.listeners()) {
                    if (l.http()) {
                        topology.httpServer(l.host(), l.port());
                    } else {
                        topology.listen(l.host(), l.protocol(), l.port());
                    }
                }
                return suite;
            } catch (RuntimeException e) {
                suite.close();
                throw e;
            }
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    public Servers servers() {
        return servers;
    }

    public Topology topology() {
        return topology;
    }

    /**
     * The components this scenario needs that the suite cannot start, each with the reason. The services
     * are not yet started by the suite, so for now every needed one is listed.
     */
    public List<String> missing(List<Component> needed) {
        return needed.stream().map(c -> c.absenceReason(repository)).toList();
    }

    @Override
    public void close() {
        try {
            topology.close();
        } finally {
            servers.close();
        }
    }
}
