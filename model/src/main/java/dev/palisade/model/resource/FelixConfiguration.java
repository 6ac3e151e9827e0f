package dev.palisade.model.resource;

/** Named {@code default} (global) or {@code node.<nodename>} (one node; wins over default). */
public record FelixConfiguration(ObjectMeta metadata, FelixConfigurationSpec spec) implements Resource {
    public static final String DEFAULT_NAME = "default";
    public static final String NODE_PREFIX = "node.";

    public FelixConfiguration {
        spec = spec == null ? FelixConfigurationSpec.EMPTY : spec;
    }

    @Override
    public FelixConfiguration withMetadata(ObjectMeta m) {
        return new FelixConfiguration(m, spec);
    }
}
