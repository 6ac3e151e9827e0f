package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.NodeSpec.NodeAddress;
import dev.palisade.model.resource.NodeSpec.NodeInterface;
import dev.palisade.model.resource.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Small builders for test data; addresses only from 198.18.0.0/15 and 2001:db8::/32. */
final class Fixtures {

    static final KccNodeConfig ENABLED = new KccNodeConfig(true, true, List.of());
    static final KccNodeConfig DISABLED = new KccNodeConfig(false, true, List.of());

    private Fixtures() {
    }

    static Node node(String name, Map<String, String> labels, String internalIp) {
        return new Node(new ObjectMeta(name, null, labels, Map.of(), null, null, null),
                new NodeSpec(null, null, null, null, List.of(new NodeAddress(internalIp, "InternalIP")), List.of()));
    }

    static Node node(String name, Map<String, String> labels, NodeSpec spec) {
        return new Node(new ObjectMeta(name, null, labels, Map.of(), null, null, null), spec);
    }

    static NodeSpec spec(List<NodeAddress> addresses, List<NodeInterface> interfaces) {
        return new NodeSpec(null, null, null, null, addresses, interfaces);
    }

    static NodeAddress internal(String ip) {
        return new NodeAddress(ip, "InternalIP");
    }

    static NodeInterface iface(String name, String... addresses) {
        return new NodeInterface(name, List.of(addresses));
    }

    static AutoHostEndpointTemplate template(String generateName, List<String> cidrs, String pattern,
                                             String nodeSelector) {
        return new AutoHostEndpointTemplate(generateName, cidrs, pattern, Map.of(), Map.of(), nodeSelector);
    }

    static KccNodeConfig withTemplates(boolean createDefault, AutoHostEndpointTemplate... templates) {
        return new KccNodeConfig(true, createDefault, List.of(templates));
    }

    /** A host endpoint as a user would write it (no created-by label). */
    static HostEndpoint userHep(String name, String node, String iface) {
        return new HostEndpoint(new ObjectMeta(name, null, Map.of("role", "user"), Map.of(), null, null, null),
                new HostEndpointSpec(node, iface, List.of(), List.of(), List.of()));
    }
}
