package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.NetworkSetSpec;

import java.util.List;

/**
 * NetworkSet and GlobalNetworkSet: CIDRs or bare IPs, and no namespace label (Calico reserves it for the
 * namespace a set lives in; on a GlobalNetworkSet it would hide the set from GNP rules).
 */
final class NetworkSetChecks {

    static final String NAMESPACE_LABEL = "projectcalico.org/namespace";

    private NetworkSetChecks() {
    }

    static void check(String kindName, ObjectMeta meta, NetworkSetSpec spec, Problems problems) {
        if (meta != null && meta.labels().containsKey(NAMESPACE_LABEL)) {
            problems.add(Problems.key("metadata.labels", NAMESPACE_LABEL),
                    "the label " + NAMESPACE_LABEL + " is reserved and not allowed on a " + kindName);
        }
        List<String> nets = spec.nets();
        for (int i = 0; i < nets.size(); i++) {
            if (Cidr.parse(nets.get(i)).isEmpty()) {
                problems.add(Problems.index("spec.nets", i), "invalid CIDR");
            }
        }
    }
}
