package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Felix settings that matter to host endpoints. Every field is optional: null means "not set here",
 * so per-node and global resources can be layered. Failsafe lists keep {@code []} distinct from absent,
 * because an empty list disables failsafe ports while absence means the built-in defaults.
 * <p>
 * The rest of Calico's ~188 settings (BPF, VXLAN, WireGuard, …) do not concern host endpoints; an export of an
 * existing install carries them, so they are kept verbatim in {@code unacted} and written back unchanged.
 * A name that is not one of Calico's settings is refused, as any unknown field is.
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
        List<Port> kubeNodePortRanges,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> unacted) {

    static final FelixConfigurationSpec EMPTY = new FelixConfigurationSpec(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    public FelixConfigurationSpec {
        failsafeInboundHostPorts = Lists.copyOrNull(failsafeInboundHostPorts);
        failsafeOutboundHostPorts = Lists.copyOrNull(failsafeOutboundHostPorts);
        kubeNodePortRanges = Lists.copy(kubeNodePortRanges);
        if (unacted != null) {
            for (String field : unacted.keySet()) {
                if (!CalicoFelixFields.ALL.contains(field)) {
                    throw new IllegalArgumentException(
                            "unknown field \"" + field + "\" (not a Calico FelixConfiguration setting)");
                }
            }
        }
        // sorted, so output is stable; values may be null (a user's explicit null is kept as written)
        unacted = unacted == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unacted));
    }

    /** The settings Palisade acts on only. */
    public FelixConfigurationSpec(List<ProtoPort> failsafeInboundHostPorts, List<ProtoPort> failsafeOutboundHostPorts,
                                  String defaultEndpointToHostAction, String iptablesFilterAllowAction,
                                  String nftablesFilterAllowAction, String iptablesMangleAllowAction,
                                  String nftablesMangleAllowAction, String iptablesFilterDenyAction,
                                  String nftablesFilterDenyAction, String chainInsertMode, String logPrefix,
                                  String logActionRateLimit, Integer logActionRateLimitBurst, String logSeverityScreen,
                                  Boolean disableConntrackInvalidCheck, Long iptablesMarkMask, Long nftablesMarkMask,
                                  String iptablesRefreshInterval, String nftablesRefreshInterval,
                                  String iptablesPostWriteCheckInterval, String ipsetsRefreshInterval,
                                  String routeRefreshInterval, String interfaceRefreshInterval, String nftablesMode,
                                  String interfacePrefix, String interfaceExclude, List<Port> kubeNodePortRanges) {
        this(failsafeInboundHostPorts, failsafeOutboundHostPorts, defaultEndpointToHostAction,
                iptablesFilterAllowAction, nftablesFilterAllowAction, iptablesMangleAllowAction,
                nftablesMangleAllowAction, iptablesFilterDenyAction, nftablesFilterDenyAction, chainInsertMode,
                logPrefix, logActionRateLimit, logActionRateLimitBurst, logSeverityScreen, disableConntrackInvalidCheck,
                iptablesMarkMask, nftablesMarkMask, iptablesRefreshInterval, nftablesRefreshInterval,
                iptablesPostWriteCheckInterval, ipsetsRefreshInterval, routeRefreshInterval, interfaceRefreshInterval,
                nftablesMode, interfacePrefix, interfaceExclude, kubeNodePortRanges, Map.of());
    }

    /** A failsafe entry: protocol ({@code TCP}, {@code UDP}, {@code SCTP}), port and an optional CIDR. */
    public record ProtoPort(String protocol, int port, String net) {
    }
}
