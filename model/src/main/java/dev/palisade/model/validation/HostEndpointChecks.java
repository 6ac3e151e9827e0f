package dev.palisade.model.validation;

import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.HostEndpointSpec;

import java.util.List;

/** HostEndpoint spec rules (spec §1.1, §2). */
final class HostEndpointChecks {

    private HostEndpointChecks() {
    }

    static void check(HostEndpointSpec spec, Problems problems) {
        if (spec.node() == null || spec.node().isEmpty()) {
            problems.add("spec.node", "node must be specified");
        } else {
            problems.addIfPresent("spec.node", Names.subdomain(spec.node()));
        }
        if (spec.interfaceName().isEmpty() && spec.expectedIPs().isEmpty()) {
            problems.add("spec", "at least one of interfaceName or expectedIPs must be specified");
        }
        if (!spec.interfaceName().isEmpty() && !spec.isWildcard()) {
            problems.addIfPresent("spec.interfaceName", Names.interfaceName(spec.interfaceName()));
        }
        List<String> ips = spec.expectedIPs();
        for (int i = 0; i < ips.size(); i++) {
            if (IpAddress.parse(ips.get(i)).isEmpty()) {
                problems.add(Problems.index("spec.expectedIPs", i), "invalid IP address (a plain IPv4 or IPv6 "
                        + "address, no prefix length)");
            }
        }
        List<String> profiles = spec.profiles();
        for (int i = 0; i < profiles.size(); i++) {
            String at = Problems.index("spec.profiles", i);
            String profile = profiles.get(i);
            problems.addIfPresent(at, profile == null || profile.isEmpty() ? "profile name must not be empty"
                    : Names.subdomain(profile));
        }
        List<EndpointPort> ports = spec.ports();
        for (int i = 0; i < ports.size(); i++) {
            port(Problems.index("spec.ports", i), ports.get(i), problems);
        }
    }

    private static void port(String path, EndpointPort port, Problems problems) {
        if (port == null) {
            problems.add(path, "a port must not be null");
            return;
        }
        if (port.name() == null || port.name().isEmpty()) {
            problems.add(path + ".name", "name must be specified");
        } else {
            problems.addIfPresent(path + ".name", Names.portName(port.name()));
        }
        if (port.protocol() == null) {
            problems.add(path + ".protocol", "protocol must be specified");
        } else if (!port.protocol().supportsPorts()) {
            problems.add(path + ".protocol", "EndpointPort protocol does not support ports.");
        }
        if (port.port() < 1 || port.port() > PortChecks.MAX_PORT) {
            problems.add(path + ".port", "port must be between 1 and 65535");
        }
    }
}
