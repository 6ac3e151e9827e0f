package dev.palisade.hepcontroller.adapter.kubernetes;

import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes v1 Node as the Palisade Node the {@code io.k8s.node.*} CloudEvents describe: the name, every
 * label, and the InternalIP/ExternalIP addresses in the order the kubelet reports them (Hostname and DNS
 * entries are no IPs; Calico's Node keeps the same two types).
 */
final class KubernetesNodes {

    private static final Set<String> IP_TYPES = Set.of("InternalIP", "ExternalIP");

    private KubernetesNodes() {
    }

    static Node toPalisade(io.fabric8.kubernetes.api.model.Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        List<NodeSpec.NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of()
                : node.getStatus().getAddresses().stream()
                        .filter(a -> IP_TYPES.contains(a.getType()) && a.getAddress() != null)
                        .map(a -> new NodeSpec.NodeAddress(a.getAddress(), a.getType()))
                        .toList();
        ObjectMeta meta = ObjectMeta.named(node.getMetadata().getName()).withLabels(labels);
        return new Node(meta, new NodeSpec(null, null, null, null, addresses, null));
    }
}
