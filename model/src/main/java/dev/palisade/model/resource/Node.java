package dev.palisade.model.resource;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Calico node: its labels (in metadata), addresses and interfaces, as an orchestrator reports them.
 * {@code status} (WireGuard keys, pod CIDRs) is kept as imported and never acted on.
 */
public record Node(ObjectMeta metadata, NodeSpec spec, Map<String, Object> status) implements Resource {
    public Node {
        spec = spec == null ? new NodeSpec(null, null, null, null, null, null) : spec;
        status = status == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(status));
    }

    public Node(ObjectMeta metadata, NodeSpec spec) {
        this(metadata, spec, null);
    }

    @Override
    public Node withMetadata(ObjectMeta m) {
        return new Node(m, spec, status);
    }
}
