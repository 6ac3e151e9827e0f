package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.Resource;
import java.util.function.Consumer;

/**
 * Turns resource changes into work keys; the payloads only say which node to look at, never what to do.
 * Node → that node; an owned host endpoint (before or after the change) → its node, so that a user's edit
 * or deletion of an auto endpoint is repaired; the {@code default} KubeControllersConfiguration → all.
 */
public final class ResourceEventFilter {

    private final Consumer<WorkKey> sink;

    public ResourceEventFilter(Consumer<WorkKey> sink) {
        this.sink = sink;
    }

    public void onChange(Resource previousOrNull, Resource currentOrNull) {
        Resource any = currentOrNull != null ? currentOrNull : previousOrNull;
        switch (any) {
            case null -> {
            }
            case Node n -> sink.accept(WorkKey.node(n.metadata().name()));
            case HostEndpoint ignored -> {
                ownedNode(previousOrNull);
                ownedNode(currentOrNull);
            }
            case KubeControllersConfiguration k when KubeControllersConfiguration.DEFAULT_NAME.equals(k.metadata().name())
                    -> sink.accept(WorkKey.FULL_SYNC);
            default -> {
            }
        }
    }

    private void ownedNode(Resource r) {
        if (r instanceof HostEndpoint hep && HostEndpointModel.isOwned(hep) && hep.spec().node() != null) {
            sink.accept(WorkKey.node(hep.spec().node()));
        }
    }
}
