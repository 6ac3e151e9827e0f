package dev.palisade.hepcontroller.core;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec.NodeInterface;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Computes the automatic host endpoints of a node (spec §6) and decides when an existing one must change.
 * Makes no calls: the reconciler applies what this returns.
 */
public final class HostEndpointModel {

    public static final String CREATED_BY_LABEL = "projectcalico.org/created-by";
    public static final String CREATED_BY_VALUE = "calico-kube-controllers";
    public static final String DEFAULT_ALLOW_PROFILE = "projectcalico-default-allow";

    private HostEndpointModel() {
    }

    /** Whether the controller owns this host endpoint; it never touches any other. */
    public static boolean isOwned(HostEndpoint hep) {
        return CREATED_BY_VALUE.equals(hep.metadata().labels().get(CREATED_BY_LABEL));
    }

    /** Nothing when auto-creation is off; otherwise the default HEP (if enabled) and one or more per template. */
    public static DesiredHostEndpoints desired(Node node, KccNodeConfig config) {
        String nodeName = node.metadata().name();
        if (!config.autoCreate()) {
            return DesiredHostEndpoints.none(nodeName);
        }
        Map<String, HostEndpoint> heps = new LinkedHashMap<>();
        List<String> nodeIps = ExpectedIps.of(node.spec());
        if (config.createDefaultHostEndpoint()) {
            put(heps, hep(node, AutoHepNames.defaultHep(nodeName), Map.of(), Map.of(),
                    HostEndpointSpec.ALL_INTERFACES, nodeIps));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.templates().size(); i++) {
            if (!addTemplate(heps, problems, node, nodeIps, config.templates().get(i), i)) {
                return new DesiredHostEndpoints(nodeName, heps, false, problems);
            }
        }
        return new DesiredHostEndpoints(nodeName, heps, true, problems);
    }

    /** False when the template cannot be evaluated, which ends the node's processing (spec §6). */
    private static boolean addTemplate(Map<String, HostEndpoint> heps, List<String> problems, Node node,
                                       List<String> nodeIps, AutoHostEndpointTemplate t, int index) {
        String where = "templates[" + index + "]";
        Selector selector;
        Pattern pattern = null;
        try {
            selector = t.nodeSelector() == null || t.nodeSelector().isBlank()
                    ? Selectors.ALL : Selectors.parse(t.nodeSelector());
        } catch (SelectorParseException e) {
            problems.add(where + ".nodeSelector: " + e.getMessage());
            return false;
        }
        boolean hasPattern = t.interfacePattern() != null && !t.interfacePattern().isEmpty();
        if (hasPattern) {
            try {
                pattern = Pattern.compile(t.interfacePattern());
            } catch (PatternSyntaxException e) {
                problems.add(where + ".interfacePattern: " + e.getDescription() + " at index " + e.getIndex());
                return false;
            }
        }
        if (!selector.matches(node.metadata().labels())) {
            return true;
        }
        List<String> ips = ExpectedIps.within(nodeIps, cidrs(t, where, problems));
        String nodeName = node.metadata().name();
        if (!hasPattern) {
            // An endpoint without interfaceName and without IPs would be invalid: skip it (an old one goes).
            if (!ips.isEmpty()) {
                put(heps, hep(node, AutoHepNames.template(nodeName, t.generateName()), t.labels(), t.annotations(),
                        "", ips));
            }
            return true;
        }
        for (NodeInterface iface : node.spec().interfaces()) {
            // Go's MatchString: the pattern may match anywhere in the name unless it is anchored.
            if (iface.name() != null && pattern.matcher(iface.name()).find()) {
                put(heps, hep(node, AutoHepNames.templateInterface(nodeName, t.generateName(), iface.name()),
                        t.labels(), t.annotations(), iface.name(), ExpectedIps.union(ips, iface.addresses())));
            }
        }
        return true;
    }

    /** A CIDR that does not parse makes the template match no node IP, as in Calico; it is reported. */
    private static List<Cidr> cidrs(AutoHostEndpointTemplate t, String where, List<String> problems) {
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < t.interfaceCIDRs().size(); i++) {
            Optional<Cidr> cidr = Cidr.parsePrefixed(t.interfaceCIDRs().get(i));
            if (cidr.isEmpty()) {
                problems.add(where + ".interfaceCIDRs[" + i + "]: not a CIDR: \"" + t.interfaceCIDRs().get(i) + "\"");
                return List.of();
            }
            out.add(cidr.get());
        }
        return out;
    }

    private static void put(Map<String, HostEndpoint> heps, HostEndpoint hep) {
        heps.put(hep.metadata().name(), hep);
    }

    /** Labels: the node's, then the template's (which win), then created-by (which nothing overrides). */
    private static HostEndpoint hep(Node node, String name, Map<String, String> templateLabels,
                                    Map<String, String> annotations, String interfaceName, List<String> ips) {
        Map<String, String> labels = new HashMap<>(node.metadata().labels());
        labels.putAll(templateLabels);
        labels.put(CREATED_BY_LABEL, CREATED_BY_VALUE);
        ObjectMeta meta = new ObjectMeta(name, null, labels, annotations, null, null, null);
        return new HostEndpoint(meta, new HostEndpointSpec(node.metadata().name(), interfaceName, ips,
                List.of(DEFAULT_ALLOW_PROFILE), List.of()));
    }

    /** Only labels, annotations, expectedIPs (in order) and interfaceName count; profile edits by users do not. */
    public static boolean needsUpdate(HostEndpoint existing, HostEndpoint desired) {
        return !existing.metadata().labels().equals(desired.metadata().labels())
                || !existing.metadata().annotations().equals(desired.metadata().annotations())
                || !existing.spec().expectedIPs().equals(desired.spec().expectedIPs())
                || !existing.spec().interfaceName().equals(desired.spec().interfaceName());
    }

    /**
     * The existing endpoint with the desired labels, annotations, node, interface and IPs. It keeps the
     * server's resourceVersion (for optimistic concurrency), uid and creationTimestamp, and also the
     * profiles and ports: Calico lets user profile edits survive, and Palisade keeps them across updates too.
     */
    public static HostEndpoint updated(HostEndpoint existing, HostEndpoint desired) {
        ObjectMeta m = existing.metadata();
        ObjectMeta meta = new ObjectMeta(m.name(), m.namespace(), desired.metadata().labels(),
                desired.metadata().annotations(), m.resourceVersion(), m.uid(), m.creationTimestamp());
        HostEndpointSpec s = existing.spec();
        return new HostEndpoint(meta, new HostEndpointSpec(desired.spec().node(), desired.spec().interfaceName(),
                desired.spec().expectedIPs(), s.profiles(), s.ports()));
    }
}
