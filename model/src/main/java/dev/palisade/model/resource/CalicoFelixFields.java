package dev.palisade.model.resource;

import java.util.Set;

/**
 * Every field of Calico's {@code FelixConfigurationSpec} (projectcalico/calico,
 * api/pkg/apis/projectcalico/v3/felixconfig.go, 188 fields). An export of a real install may set any of them;
 * a name outside this list is a typo, and refused as an unknown field.
 */
final class CalicoFelixFields {

    static final Set<String> ALL = Set.of(
            "nodeSelector", "useInternalDataplaneDriver", "dataplaneDriver", "dataplaneWatchdogTimeout",
            "ipv6Support", "routeRefreshInterval", "interfaceRefreshInterval", "iptablesRefreshInterval",
            "iptablesPostWriteCheckInterval", "iptablesLockProbeInterval", "featureDetectOverride", "featureGates",
            "ipsetsRefreshInterval", "maxIpsetSize", "iptablesBackend", "xdpRefreshInterval", "netlinkTimeout",
            "metadataAddr", "metadataPort", "openstackRegion", "interfacePrefix", "interfaceExclude",
            "chainInsertMode", "defaultEndpointToHostAction", "iptablesFilterAllowAction",
            "iptablesMangleAllowAction", "iptablesFilterDenyAction", "logPrefix", "logActionRateLimit",
            "logActionRateLimitBurst", "logFilePath", "logSeverityFile", "logSeverityScreen", "logSeveritySys",
            "logDebugFilenameRegex", "ipipEnabled", "ipipMTU", "vxlanEnabled", "vxlanMTU", "vxlanMTUV6", "vxlanPort",
            "vxlanVNI", "allowVXLANPacketsFromWorkloads", "allowIPIPPacketsFromWorkloads", "reportingInterval",
            "reportingTTL", "endpointReportingEnabled", "endpointReportingDelay", "endpointStatusPathPrefix",
            "iptablesMarkMask", "disableConntrackInvalidCheck", "healthEnabled", "healthHost", "healthPort",
            "healthTimeoutOverrides", "prometheusMetricsEnabled", "prometheusMetricsHost", "prometheusMetricsPort",
            "prometheusGoMetricsEnabled", "prometheusProcessMetricsEnabled", "prometheusWireGuardMetricsEnabled",
            "prometheusMetricsCAFile", "prometheusMetricsCertFile", "prometheusMetricsKeyFile",
            "prometheusMetricsClientAuth", "failsafeInboundHostPorts", "failsafeOutboundHostPorts",
            "kubeNodePortRanges", "policySyncPathPrefix", "usageReportingEnabled", "usageReportingInitialDelay",
            "usageReportingInterval", "natPortRange", "natOutgoingAddress", "natOutgoingExclusions",
            "deviceRouteSourceAddress", "deviceRouteSourceAddressIPv6", "deviceRouteProtocol",
            "removeExternalRoutes", "programClusterRoutes", "ipForwarding", "externalNodesList",
            "debugMemoryProfilePath", "debugDisableLogDropping", "debugSimulateCalcGraphHangAfter",
            "debugSimulateDataplaneHangAfter", "debugSimulateDataplaneApplyDelay", "debugHost", "debugPort",
            "iptablesNATOutgoingInterfaceFilter", "sidecarAccelerationEnabled", "xdpEnabled", "genericXDPEnabled",
            "nftablesMode", "nftablesFlowTableOffload", "nftablesFlowTableDataIfacePattern",
            "nftablesRefreshInterval", "nftablesFilterAllowAction", "nftablesMangleAllowAction",
            "nftablesFilterDenyAction", "nftablesMarkMask", "bpfEnabled", "bpfOverlayHostSourceIP",
            "bpfDisableUnprivileged", "bpfJITHardening", "bpfLogLevel", "bpfConntrackLogLevel", "bpfConntrackMode",
            "bpfConntrackTimeouts", "bpfIPFragTimeout", "bpfLogFilters", "bpfCTLBLogFilter", "bpfDataIfacePattern",
            "bpfL3IfacePattern", "bpfConnectTimeLoadBalancingEnabled", "bpfConnectTimeLoadBalancing",
            "bpfHostNetworkedNATWithoutCTLB", "bpfExternalServiceMode", "bpfDSROptoutCIDRs",
            "bpfExtToServiceConnmark", "bpfKubeProxyIptablesCleanupEnabled", "bpfKubeProxyMinSyncPeriod",
            "bpfKubeProxyHealthzPort", "bpfPSNATPorts", "bpfMapSizeNATFrontend", "bpfMapSizeNATBackend",
            "bpfMapSizeNATAffinity", "bpfMapSizeRoute", "bpfMapSizeConntrack", "bpfMapSizePerCpuConntrack",
            "bpfMapSizeConntrackScaling", "bpfMapSizeConntrackCleanupQueue", "bpfMapSizeIPSets", "bpfMapSizeIfState",
            "bpfHostConntrackBypass", "bpfIPFragmentReassemblyEnabled", "bpfEnforceRPF", "bpfPolicyDebugEnabled",
            "bpfForceTrackPacketsFromIfaces", "bpfDisableGROForIfaces", "bpfExcludeCIDRsFromNAT",
            "bpfExportBufferSizeMB", "istioAmbientMode", "istioDSCPMark", "cgroupV2Path",
            "flowLogsPolicyEvaluationMode", "bpfRedirectToPeer", "bpfAttachType", "flowLogsFlushInterval",
            "flowLogsCollectorDebugTrace", "flowLogsGoldmaneServer", "flowLogsLocalReporter", "bpfProfiling",
            "routeSource", "routeTableRanges", "routeTableRange", "routeSyncDisabled", "ipv4NormalRoutePriority",
            "ipv4ElevatedRoutePriority", "ipv6NormalRoutePriority", "ipv6ElevatedRoutePriority",
            "liveMigrationRouteConvergenceTime", "wireguardEnabled", "wireguardEnabledV6",
            "wireguardThreadingEnabled", "wireguardListeningPort", "wireguardListeningPortV6",
            "wireguardRoutingRulePriority", "wireguardInterfaceName", "wireguardInterfaceNameV6", "wireguardMTU",
            "wireguardMTUV6", "wireguardHostEncryptionEnabled", "wireguardKeepAlive", "awsSrcDstCheck",
            "serviceLoopPrevention", "workloadSourceSpoofing", "mtuIfacePattern", "floatingIPs",
            "localSubnetL2Reachability", "localSubnetL2ReachabilityRefreshInterval", "windowsManageFirewallRules",
            "goGCThreshold", "goMemoryLimitMB", "goMaxProcs", "requireMTUFile", "bpfMaglevMaxEndpointsPerService",
            "bpfMaglevMaxServices");

    private CalicoFelixFields() {
    }
}
