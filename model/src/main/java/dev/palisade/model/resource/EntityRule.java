package dev.palisade.model.resource;

import java.util.List;

/** One side (source or destination) of a rule; every field present must match (AND), list entries OR. */
public record EntityRule(
        List<String> nets,
        List<String> notNets,
        String selector,
        String notSelector,
        String namespaceSelector,
        ServiceAccountMatch serviceAccounts,
        ServiceMatch services,
        List<Port> ports,
        List<Port> notPorts) {

    public static final EntityRule ANY = new EntityRule(null, null, null, null, null, null, null, null, null);

    public EntityRule {
        nets = Lists.copy(nets);
        notNets = Lists.copy(notNets);
        selector = selector == null ? "" : selector;
        notSelector = notSelector == null ? "" : notSelector;
        namespaceSelector = namespaceSelector == null ? "" : namespaceSelector;
        ports = Lists.copy(ports);
        notPorts = Lists.copy(notPorts);
    }

    public record ServiceAccountMatch(List<String> names, String selector) {
        public ServiceAccountMatch {
            names = Lists.copy(names);
            selector = selector == null ? "" : selector;
        }
    }

    public record ServiceMatch(String name, String namespace) {
    }
}
