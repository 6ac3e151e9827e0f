package dev.palisade.e2e.oracle;

import dev.palisade.e2e.scenario.Action;
import dev.palisade.e2e.scenario.NodeFacts;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.testkit.TopologySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources a scenario's steps should leave in the datastore, without running anything: what the
 * user applied, the nodes the events announced, and the automatic host endpoints the seeds show
 * ({@code <node>-auto-hep}, wildcard, the node's addresses, its labels plus the created-by label,
 * default-allow profile). Used to check a scenario's expectations against the reference evaluator
 * before any service runs.
 */
public final class ScenarioWorld {

    private final TopologySpec topology;
    private final Map<String, Resource> stored = new LinkedHashMap<>();
    private boolean autoHostEndpoints;

    public ScenarioWorld(TopologySpec topology) {
        this.topology = topology;
    }

    public void apply(Action action) {
        switch (action) {
            case Action.Apply apply -> apply.resources().forEach(r -> stored.put(key(r), r));
            case Action.Delete delete -> stored.remove(delete.kind().type().getSimpleName() + "/" + delete.name());
            case Action.EnableAutoHostEndpoints enable -> autoHostEndpoints = true;
            case Action.NodeEvent event -> {
                Node node = NodeFacts.of(topology, event).toNode();
                stored.put(key(node), node);
            }
        }
    }

    public List<Resource> resources() {
        List<Resource> all = new ArrayList<>(stored.values());
        if (autoHostEndpoints) {
            stored.values().stream().filter(Node.class::isInstance).map(Node.class::cast)
                    .map(ScenarioWorld::autoHostEndpoint).forEach(all::add);
        }
        return all;
    }

    private static HostEndpoint autoHostEndpoint(Node node) {
        Map<String, String> labels = new HashMap<>(node.metadata().labels());
        labels.put("projectcalico.org/created-by", "calico-kube-controllers");
        List<String> ips = new ArrayList<>();
        node.spec().addresses().forEach(a -> ips.add(a.address()));
        node.spec().interfaces().forEach(i -> i.addresses().stream().map(a -> a.replaceAll("/.*", ""))
                .filter(a -> !ips.contains(a)).forEach(ips::add));
        String name = node.metadata().name();
        return new HostEndpoint(ObjectMeta.named(name + "-auto-hep").withLabels(labels),
                new HostEndpointSpec(name, HostEndpointSpec.ALL_INTERFACES, ips, List.of("projectcalico-default-allow"),
                        null));
    }

    private static String key(Resource r) {
        return r.getClass().getSimpleName() + "/" + r.metadata().name();
    }
}
