package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.Node;
import java.util.Collection;
import java.util.Optional;

/** The current nodes and node controller configuration, as far as the controller has read them. */
public interface ClusterView {

    Optional<Node> node(String name);

    Collection<Node> nodes();

    KccNodeConfig nodeConfig();
}
