package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.Controllers;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.HostEndpointController;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.NodeController;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The effective host endpoint settings of the node controller (spec §1.9), from the {@code default}
 * KubeControllersConfiguration. Without one, Calico's defaults apply: auto-create off, default HEP on.
 */
public record KccNodeConfig(boolean autoCreate, boolean createDefaultHostEndpoint,
                            List<AutoHostEndpointTemplate> templates) {

    public static final KccNodeConfig DEFAULTS = new KccNodeConfig(false, true, List.of());
    static final String ENABLED = "Enabled";
    static final String DISABLED = "Disabled";

    public KccNodeConfig {
        templates = List.copyOf(templates);
    }

    public static KccNodeConfig of(KubeControllersConfiguration kcc) {
        Optional<HostEndpointController> hep = Optional.ofNullable(kcc)
                .map(k -> k.spec().controllers())
                .map(Controllers::node)
                .map(NodeController::hostEndpoint);
        if (hep.isEmpty()) {
            return DEFAULTS;
        }
        HostEndpointController h = hep.get();
        return new KccNodeConfig(ENABLED.equals(h.autoCreate()), !DISABLED.equals(h.createDefaultHostEndpoint()),
                h.templates());
    }

    /**
     * Applies Calico's {@code AUTO_HOST_ENDPOINTS} environment override: {@code enabled} means the default
     * host endpoint only, without templates; {@code disabled} turns auto-creation off; unset keeps this.
     *
     * @throws IllegalArgumentException for any other value
     */
    public KccNodeConfig withEnvironmentOverride(String autoHostEndpoints) {
        if (autoHostEndpoints == null || autoHostEndpoints.isBlank()) {
            return this;
        }
        return switch (autoHostEndpoints.trim().toLowerCase(Locale.ROOT)) {
            case "enabled" -> new KccNodeConfig(true, true, List.of());
            case "disabled" -> new KccNodeConfig(false, createDefaultHostEndpoint, templates);
            default -> throw new IllegalArgumentException(
                    "AUTO_HOST_ENDPOINTS must be \"enabled\" or \"disabled\", got \"" + autoHostEndpoints + "\"");
        };
    }
}
