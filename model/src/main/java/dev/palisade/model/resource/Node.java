package dev.palisade.model.resource;

/** A Calico node: its labels (in metadata), addresses and interfaces, as an orchestrator reports them. */
public record Node(ObjectMeta metadata, NodeSpec spec) implements Resource {
    public Node {
        spec = spec == null ? new NodeSpec(null, null, null, null, null, null) : spec;
    }

    @Override
    public Node withMetadata(ObjectMeta m) {
        return new Node(m, spec);
    }
}
