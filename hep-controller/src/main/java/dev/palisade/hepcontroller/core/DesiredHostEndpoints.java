package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import java.util.List;
import java.util.Map;

/**
 * The auto host endpoints one node should have, by name. {@code complete} is false when a template could not
 * be evaluated (a bad node selector or interface pattern): Calico then stops processing the node, so the
 * reconciler creates and updates what was computed but deletes nothing. {@code problems} say why, for logs.
 */
public record DesiredHostEndpoints(String node, Map<String, HostEndpoint> byName, boolean complete,
                                   List<String> problems) {

    public DesiredHostEndpoints {
        byName = Map.copyOf(byName);
        problems = List.copyOf(problems);
    }

    public static DesiredHostEndpoints none(String node) {
        return new DesiredHostEndpoints(node, Map.of(), true, List.of());
    }
}
