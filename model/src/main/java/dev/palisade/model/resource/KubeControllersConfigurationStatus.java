package dev.palisade.model.resource;

import java.util.Map;

public record KubeControllersConfigurationStatus(KubeControllersConfigurationSpec runningConfig,
                                                 Map<String, String> environmentVars) {
    public KubeControllersConfigurationStatus {
        environmentVars = environmentVars == null ? Map.of() : Map.copyOf(environmentVars);
    }
}
