package dev.palisade.model.resource;

import java.util.List;

/** CIDRs or bare IPs (a bare IP is a /32 or /128). */
public record GlobalNetworkSetSpec(List<String> nets) {
    public GlobalNetworkSetSpec {
        nets = Lists.copy(nets);
    }
}
