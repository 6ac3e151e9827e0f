package dev.palisade.ingest.core.guard;

import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.semantics.VerdictChange;

import java.util.List;

/** A write refused because it would cut protected flows (HTTP 409; the intake's dead-letter reason). */
public final class LockoutException extends RuntimeException {

    /** The Kubernetes Status reason of the refusal. */
    public static final String REASON = "LockedOut";

    private final transient ResourceKey key;
    private final transient List<VerdictChange> cuts;

    public LockoutException(ResourceKey key, List<VerdictChange> cuts) {
        super("writing " + key + " would lock hosts out (" + cuts.size() + " protected flow"
                + (cuts.size() == 1 ? "" : "s") + " cut; repeat with force to override): "
                + String.join("; ", cuts.stream().map(VerdictChange::describe).toList()));
        this.key = key;
        this.cuts = List.copyOf(cuts);
    }

    public ResourceKey key() {
        return key;
    }

    public List<VerdictChange> cuts() {
        return cuts;
    }
}
