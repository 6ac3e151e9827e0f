package dev.palisade.e2e.scenario;

import dev.palisade.testkit.Protocol;
import java.util.List;

/**
 * A seed tutorial as something to run: the servers it starts on the hosts, the Kubernetes nodes it
 * announces (every other host is outside the cluster), and its steps in order.
 */
public record Scenario(String name, List<Listen> listeners, List<String> nodes, List<ScenarioStep> steps) {

    /** A server on a host: the seed's {@code python3 -m http.server} when {@code http}, else a plain one. */
    public record Listen(String host, Protocol protocol, int port, boolean http) {
    }

    public Scenario {
        listeners = List.copyOf(listeners);
        nodes = List.copyOf(nodes);
        steps = List.copyOf(steps);
    }
}
