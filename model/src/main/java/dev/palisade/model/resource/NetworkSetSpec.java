package dev.palisade.model.resource;

import java.util.List;

/** The spec of a NetworkSet and a GlobalNetworkSet alike: CIDRs or bare IPs (a bare IP is a /32 or /128). */
public record NetworkSetSpec(List<String> nets) {
    public NetworkSetSpec {
        nets = Lists.copy(nets);
    }
}
