package dev.palisade.e2e.scenario;

import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import java.util.List;
import java.util.Map;

/** What a tutorial step does to the cluster, as a user or an external system would do it. */
public sealed interface Action {

    /** A short line for reports, in the seed's own terms. */
    String describe();

    /** {@code calicoctl apply -f FILE}: resources go through the REST API. */
    record Apply(String source, List<Resource> resources) implements Action {
        public Apply {
            resources = List.copyOf(resources);
        }

        @Override
        public String describe() {
            return "apply " + source;
        }
    }

    /** {@code calicoctl delete KIND NAME}. */
    record Delete(Kind kind, String name) implements Action {
        @Override
        public String describe() {
            return "delete " + kind.kindName() + " " + name;
        }
    }

    /** The seed's {@code calicoctl patch kubecontrollersconfiguration default} turning autoCreate on. */
    record EnableAutoHostEndpoints() implements Action {
        public static final String PATCH =
                "{\"spec\": {\"controllers\": {\"node\": {\"hostEndpoint\": {\"autoCreate\": \"Enabled\"}}}}}";

        @Override
        public String describe() {
            return "patch kubecontrollersconfiguration default " + PATCH;
        }
    }

    /**
     * A node joins or changes, told the way an external system tells it: an {@code io.k8s.node.added} or
     * {@code io.k8s.node.updated} CloudEvent carrying name, labels, addresses and interfaces.
     */
    record NodeEvent(String type, String node, Map<String, String> labels) implements Action {
        public static final String ADDED = "io.k8s.node.added";
        public static final String UPDATED = "io.k8s.node.updated";

        public NodeEvent {
            labels = Map.copyOf(labels);
        }

        @Override
        public String describe() {
            return type + " " + node + " labels " + new java.util.TreeMap<>(labels);
        }
    }
}
