package dev.palisade.e2e.suite;

import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.Protocol;
import dev.palisade.testkit.Reach;
import dev.palisade.testkit.TopologySpec;
import java.util.List;

/**
 * What a scenario runs against: the demo cluster's shape, the suite's REST API and intake topic, a way to
 * wait until a change is enforced on every node, and probes with real packets between its hosts. {@link
 * Suite} is the cluster of network namespaces on this machine; the compose check's is a Docker engine's.
 */
public interface Cluster {

    TopologySpec spec();

    IngestClient client();

    NodeEventPublisher nodeEvents();

    /** Whether ingest-service has published exactly {@code stored} for {@code kinds} (see {@link EnforcementWatcher#published}). */
    boolean published(List<Resource> stored, List<Kind> kinds);

    /** Waits until everything published so far is enforced on every node. */
    void awaitEnforced();

    /** A real connection attempt from host {@code from} to {@code to}'s port. */
    Reach probe(String from, String to, Protocol protocol, int port);
}
