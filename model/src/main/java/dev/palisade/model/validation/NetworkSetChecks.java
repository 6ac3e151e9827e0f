package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.GlobalNetworkSet;

import java.util.List;

/** GlobalNetworkSet: CIDRs or bare IPs, and no namespace label (it would hide the set from GNP rules). */
final class NetworkSetChecks {

    static final String NAMESPACE_LABEL = "projectcalico.org/namespace";

    private NetworkSetChecks() {
    }

    static void check(GlobalNetworkSet set, Problems problems) {
        if (set.metadata() != null && set.metadata().labels().containsKey(NAMESPACE_LABEL)) {
            problems.add(Problems.key("metadata.labels", NAMESPACE_LABEL),
                    "the label " + NAMESPACE_LABEL + " is reserved and not allowed on a GlobalNetworkSet");
        }
        List<String> nets = set.spec().nets();
        for (int i = 0; i < nets.size(); i++) {
            if (Cidr.parse(nets.get(i)).isEmpty()) {
                problems.add(Problems.index("spec.nets", i), "invalid CIDR");
            }
        }
    }
}
