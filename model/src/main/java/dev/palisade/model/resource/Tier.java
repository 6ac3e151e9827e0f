package dev.palisade.model.resource;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** {@code status} (Calico's conditions) is kept as imported and never acted on. */
public record Tier(ObjectMeta metadata, TierSpec spec, Map<String, Object> status) implements Resource {
    public Tier {
        spec = spec == null ? new TierSpec(null, null) : spec;
        status = status == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(status));
    }

    public Tier(ObjectMeta metadata, TierSpec spec) {
        this(metadata, spec, null);
    }

    @Override
    public Tier withMetadata(ObjectMeta m) {
        return new Tier(m, spec, status);
    }
}
