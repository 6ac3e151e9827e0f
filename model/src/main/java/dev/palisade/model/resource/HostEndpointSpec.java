package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** {@code interfaceName} {@value #ALL_INTERFACES} makes a wildcard HEP governing every host interface. */
public record HostEndpointSpec(
        String node,
        String interfaceName,
        List<String> expectedIPs,
        List<String> profiles,
        List<EndpointPort> ports) {

    public static final String ALL_INTERFACES = "*";
    static final HostEndpointSpec EMPTY = new HostEndpointSpec(null, null, null, null, null);

    public HostEndpointSpec {
        interfaceName = interfaceName == null ? "" : interfaceName;
        expectedIPs = Lists.copy(expectedIPs);
        profiles = Lists.copy(profiles);
        ports = Lists.copy(ports);
    }

    @JsonIgnore // derived, not a field of the resource
    public boolean isWildcard() {
        return ALL_INTERFACES.equals(interfaceName);
    }
}
