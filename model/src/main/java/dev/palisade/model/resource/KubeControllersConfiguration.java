package dev.palisade.model.resource;

/** The singleton {@code default}; {@code status} is reported by the controller, never set by users. */
public record KubeControllersConfiguration(ObjectMeta metadata, KubeControllersConfigurationSpec spec,
                                           KubeControllersConfigurationStatus status) implements Resource {
    public static final String DEFAULT_NAME = "default";

    public KubeControllersConfiguration {
        spec = spec == null ? KubeControllersConfigurationSpec.EMPTY : spec;
    }

    @Override
    public KubeControllersConfiguration withMetadata(ObjectMeta m) {
        return new KubeControllersConfiguration(m, spec, status);
    }
}
