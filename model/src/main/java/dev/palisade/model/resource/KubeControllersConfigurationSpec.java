package dev.palisade.model.resource;

import java.util.List;
import java.util.Map;

public record KubeControllersConfigurationSpec(
        String logSeverityScreen,
        String healthChecks,
        String etcdV3CompactionPeriod,
        Integer prometheusMetricsPort,
        Integer debugProfilePort,
        Controllers controllers) {

    static final KubeControllersConfigurationSpec EMPTY =
            new KubeControllersConfigurationSpec(null, null, null, null, null, null);

    public record Controllers(
            NodeController node,
            ReconcilingController policy,
            ReconcilingController workloadEndpoint,
            ReconcilingController serviceAccount,
            ReconcilingController namespace,
            LoadBalancerController loadBalancer,
            MigrationController migration) {
    }

    public record ReconcilingController(String reconcilerPeriod) {
    }

    public record LoadBalancerController(String assignIPs) {
    }

    public record MigrationController(String policyNameMigrator) {
    }

    public record NodeController(
            String reconcilerPeriod,
            String syncLabels,
            HostEndpointController hostEndpoint,
            String leakGracePeriod) {
    }

    /** {@code autoCreate} and {@code createDefaultHostEndpoint} are {@code Enabled} or {@code Disabled}. */
    public record HostEndpointController(
            String autoCreate,
            String createDefaultHostEndpoint,
            List<AutoHostEndpointTemplate> templates) {
        public HostEndpointController {
            templates = Lists.copy(templates);
        }
    }

    public record AutoHostEndpointTemplate(
            String generateName,
            List<String> interfaceCIDRs,
            String interfacePattern,
            Map<String, String> labels,
            Map<String, String> annotations,
            String nodeSelector) {
        public AutoHostEndpointTemplate {
            interfaceCIDRs = Lists.copy(interfaceCIDRs);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }
}
