package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The Felix settings that matter to host endpoints. Every field is optional: null means "not set here",
 * so per-node and global resources can be layered. Failsafe lists keep {@code []} distinct from absent,
 * because an empty list disables failsafe ports while absence means the built-in defaults.
 */
public record FelixConfigurationSpec(
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ProtoPort> failsafeInboundHostPorts,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ProtoPort> failsafeOutboundHostPorts,
        String defaultEndpointToHostAction,
        String iptablesFilterAllowAction,
        String nftablesFilterAllowAction,
        String iptablesMangleAllowAction,
        String nftablesMangleAllowAction,
        String iptablesFilterDenyAction,
        String nftablesFilterDenyAction,
        String chainInsertMode,
        String logPrefix,
        String logActionRateLimit,
        Integer logActionRateLimitBurst,
        String logSeverityScreen,
        Boolean disableConntrackInvalidCheck,
        Long iptablesMarkMask,
        Long nftablesMarkMask,
        String iptablesRefreshInterval,
        String nftablesRefreshInterval,
        String iptablesPostWriteCheckInterval,
        String ipsetsRefreshInterval,
        String routeRefreshInterval,
        String interfaceRefreshInterval,
        String nftablesMode,
        String interfacePrefix,
        String interfaceExclude,
        List<Port> kubeNodePortRanges) {

    static final FelixConfigurationSpec EMPTY = new FelixConfigurationSpec(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    public FelixConfigurationSpec {
        failsafeInboundHostPorts = Lists.copyOrNull(failsafeInboundHostPorts);
        failsafeOutboundHostPorts = Lists.copyOrNull(failsafeOutboundHostPorts);
        kubeNodePortRanges = Lists.copy(kubeNodePortRanges);
    }

    /** A failsafe entry: protocol ({@code TCP}, {@code UDP}, {@code SCTP}), port and an optional CIDR. */
    public record ProtoPort(String protocol, int port, String net) {
    }
}
