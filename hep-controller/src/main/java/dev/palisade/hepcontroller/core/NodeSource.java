package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.Node;
import java.util.Optional;
import java.util.Set;

/**
 * An orchestrator's own list of nodes (Kubernetes' v1 Nodes in production), already turned into Palisade
 * Nodes: name, labels and addresses. Reads come from the source's local cache, never from the network.
 */
public interface NodeSource {

    /** True once the source has listed every node at least once; before that, absence means nothing. */
    boolean synced();

    Optional<Node> node(String name);

    Set<String> names();
}
