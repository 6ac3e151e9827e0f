package dev.palisade.ingest.core.insight;

import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.guard.SimulatorInputs;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.StagedAction;
import dev.palisade.model.resource.StagedPolicy;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.Preview;
import dev.palisade.model.semantics.Probe;
import dev.palisade.model.semantics.Simulator;
import dev.palisade.model.semantics.Verdict;
import dev.palisade.model.semantics.World;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Questions about the stored policy that change nothing — what would promoting staged policies do, what
 * happens to this packet — and promotion itself, which writes through {@link ResourceService} and so
 * through validation, the lockout guard and the audit trail.
 */
public final class InsightService {

    private final Datastore store;
    private final ResourceService service;

    public InsightService(Datastore store, ResourceService service) {
        this.store = store;
        this.service = service;
    }

    /** The staged policies given, or stored under {@code keys}, previewed together against the stored state. */
    public Preview.Result preview(List<Resource> given, List<ResourceKey> keys, List<Probe> flows) {
        List<Resource> staged = new ArrayList<>(given);
        keys.forEach(k -> staged.add(service.get(k)));
        for (int i = 0; i < staged.size(); i++) {
            if (!(staged.get(i) instanceof StagedPolicy)) {
                throw new InvalidResourceException("policies[" + i + "].kind", "only StagedGlobalNetworkPolicy and "
                        + "StagedNetworkPolicy can be previewed, not " + staged.get(i).kind().kindName());
            }
        }
        return Preview.of(SimulatorInputs.read(store), staged, flows);
    }

    /**
     * A packet's verdict on the resources as of {@code revision} (the revision a node reports it enforces),
     * or on the latest ones when no revision is given or the datastore no longer keeps it.
     */
    public Explanation explain(Packet packet, Long revision) {
        Optional<List<Resource>> then = revision == null ? Optional.empty() : SimulatorInputs.readAt(store, revision);
        List<Resource> resources = then.orElseGet(() -> SimulatorInputs.read(store));
        String note = revision == null ? "the node has not reported an enforced revision: simulated on the latest resources"
                : then.isEmpty() ? "revision " + revision + " is compacted away: simulated on the latest resources"
                : null;
        return new Explanation(new Simulator(World.of(resources)).simulate(packet), then.isPresent() ? revision : null,
                note);
    }

    /** {@code revision} the resources were read at (null: the latest), and why not the one asked for. */
    public record Explanation(Verdict verdict, Long revision, String note) {
    }

    /**
     * Turns a staged policy into the policy of the same name ({@code Set}: stored; {@code Delete}: deleted)
     * and removes the staged one. Returns the policy written, or the one deleted.
     */
    public Resource promote(ResourceKey staged, String actor, boolean force) {
        if (!(service.get(staged) instanceof StagedPolicy policy)) {
            throw new InvalidResourceException("kind", staged.kind().kindName()
                    + " is not a staged kind; only StagedGlobalNetworkPolicy and StagedNetworkPolicy are promoted");
        }
        Resource result = policy.stagedAction() == StagedAction.DELETE
                ? service.delete(policy.enforced().key(), Datastore.ANY_REVISION, actor, force)
                : service.apply(policy.enforced(), actor, force).resource();
        try {
            service.delete(staged, Datastore.ANY_REVISION, actor);
        } catch (DatastoreException.NotFound alreadyGone) {
            // promoted twice concurrently: the policy is what the staged one said, which is all that matters
        }
        return result;
    }
}
