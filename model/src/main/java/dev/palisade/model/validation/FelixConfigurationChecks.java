package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;
import dev.palisade.model.resource.Port;

import java.util.List;
import java.util.Set;

/** Failsafe port entries: the v3 validator wants the protocol spelled exactly TCP, UDP or SCTP (spec §1.8). */
final class FelixConfigurationChecks {

    private static final Set<String> FAILSAFE_PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private FelixConfigurationChecks() {
    }

    static void check(FelixConfigurationSpec spec, Problems problems) {
        failsafe("spec.failsafeInboundHostPorts", spec.failsafeInboundHostPorts(), problems);
        failsafe("spec.failsafeOutboundHostPorts", spec.failsafeOutboundHostPorts(), problems);
        List<Port> ranges = spec.kubeNodePortRanges();
        for (int i = 0; i < ranges.size(); i++) {
            PortChecks.check(Problems.index("spec.kubeNodePortRanges", i), ranges.get(i), problems);
        }
    }

    private static void failsafe(String path, List<ProtoPort> entries, Problems problems) {
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            String at = Problems.index(path, i);
            ProtoPort entry = entries.get(i);
            if (entry == null) {
                problems.add(at, "an entry must not be null");
                continue;
            }
            if (entry.protocol() == null || !FAILSAFE_PROTOCOLS.contains(entry.protocol())) {
                problems.add(at + ".protocol", "protocol must be 'TCP' or 'UDP' or 'SCTP'.");
            }
            if (entry.port() < 0 || entry.port() > PortChecks.MAX_PORT) {
                problems.add(at + ".port", "port must be between 0 and 65535");
            }
            if (entry.net() != null && !entry.net().isEmpty() && Cidr.parse(entry.net()).isEmpty()) {
                problems.add(at + ".net", "invalid CIDR");
            }
        }
    }
}
