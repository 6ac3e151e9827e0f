package dev.palisade.ingest.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditLog;
import dev.palisade.ingest.core.audit.AuditNote;
import dev.palisade.ingest.core.audit.AuditOperation;
import dev.palisade.ingest.core.guard.LockoutErrors;
import dev.palisade.ingest.core.guard.LockoutException;
import dev.palisade.ingest.core.guard.WriteGuard;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.ingest.core.store.Written;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.validation.BuiltIns;
import dev.palisade.model.semantics.VerdictChange;
import dev.palisade.model.validation.Operation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The operations of the API, whoever calls them (REST, event intake, CLI through REST): validate, keep
 * built-ins intact, set server fields, write with optimistic concurrency, and audit what was accepted.
 */
public final class ResourceService {

    private static final int PATCH_ATTEMPTS = 5;

    private final Datastore store;
    private final ResourceCodec codec;
    private final ResourceValidator validator;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<UUID> uids;
    private final WriteGuard guard;

    public ResourceService(Datastore store, ResourceCodec codec, ResourceValidator validator, AuditLog audit,
                           Clock clock, Supplier<UUID> uids) {
        this.store = store;
        this.guard = new WriteGuard(store);
        this.codec = codec;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.uids = uids;
    }

    /** Creates the resources every datastore starts with, when they are missing. */
    public void seedDefaults(String actor) {
        for (Resource resource : BuiltIns.seeded()) {
            if (store.get(resource.key()).isEmpty()) {
                try {
                    create(resource, actor);
                } catch (DatastoreException.AlreadyExists raced) {
                    // another instance seeded it first
                }
            }
        }
    }

    public Resource get(ResourceKey key) {
        if (isDefaultAllow(key)) {
            return defaultAllow();
        }
        return store.get(key)
                .or(() -> key.kind() == Kind.TIER ? BuiltIns.tier(key.name()).map(Resource.class::cast)
                        : Optional.empty())
                .orElseThrow(() -> new DatastoreException.NotFound(key));
    }

    /** Resources of a kind ({@code namespace} null: all) whose labels pass {@code labels}, in key order. */
    public Listing list(Kind kind, String namespace, Predicate<Map<String, String>> labels) {
        Listing stored = store.list(kind, namespace);
        List<Resource> items = new ArrayList<>(stored.items());
        items.addAll(synthesised(kind, namespace, stored.items()));
        return new Listing(items.stream()
                .filter(r -> labels.test(r.metadata().labels()))
                .sorted(Comparator.comparing(Resource::key))
                .toList(), stored.revision());
    }

    public Resource create(Resource resource, String actor) {
        return create(resource, actor, false);
    }

    /** {@code force}: commit even if the write cuts protected flows (the audit entry lists them). */
    public Resource create(Resource resource, String actor, boolean force) {
        return write(createInternal(resource, force, AuditOperation.CREATE, actor));
    }

    /**
     * Replaces a resource. With {@code metadata.resourceVersion} set, only that revision may be replaced
     * (409 otherwise); without it, whatever is stored is replaced.
     */
    public Resource replace(Resource resource, String actor) {
        return replace(resource, actor, false);
    }

    public Resource replace(Resource resource, String actor, boolean force) {
        return write(replaceInternal(resource, expectedRevision(resource), force, AuditOperation.REPLACE, actor));
    }

    public Resource delete(ResourceKey key, long expectedRevision, String actor) {
        return delete(key, expectedRevision, actor, false);
    }

    public Resource delete(ResourceKey key, long expectedRevision, String actor, boolean force) {
        refuseBuiltin(key, Operation.DELETE);
        List<VerdictChange> cuts = guard.check(key, null, force);
        AuditNote note = note(AuditOperation.DELETE, actor, cuts);
        Written written = store.delete(key, expectedRevision, note);
        audit(new Committed(written, note), key);
        return written.before();
    }

    /** Applies a JSON merge patch to the stored resource; retried when a concurrent write intervenes. */
    public Resource patch(ResourceKey key, String mergePatch, String actor) {
        return patch(key, mergePatch, actor, false);
    }

    public Resource patch(ResourceKey key, String mergePatch, String actor, boolean force) {
        refuseBuiltin(key, Operation.UPDATE);
        JsonNode patch = parsePatch(mergePatch);
        for (int attempt = 1; ; attempt++) {
            Resource current = store.get(key).orElseThrow(() -> new DatastoreException.NotFound(key));
            Resource patched = decodePatched(MergePatch.apply(codec.tree(current), patch));
            if (!patched.key().equals(key)) {
                throw new InvalidResourceException("metadata.name", "a patch may not change kind, namespace or name");
            }
            boolean pinned = patch.path("metadata").hasNonNull("resourceVersion");
            long expected = pinned ? expectedRevision(patched) : revisionOf(current);
            try {
                return write(replaceInternal(patched, expected, force, AuditOperation.PATCH, actor));
            } catch (DatastoreException.Conflict conflict) {
                if (pinned || attempt == PATCH_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Create-or-update of one resource; the boolean result of the outcome says which. */
    public ApplyOutcome.Applied apply(Resource resource, String actor) {
        return apply(0, resource, actor, false);
    }

    public ApplyOutcome.Applied apply(Resource resource, String actor, boolean force) {
        return apply(0, resource, actor, force);
    }

    public List<ApplyOutcome> applyAll(String manifests, String actor) {
        return applyAll(manifests, actor, false);
    }

    /** Applies every resource of a manifest stream, each on its own; the outcome says what happened to each. */
    public List<ApplyOutcome> applyAll(String manifests, String actor, boolean force) {
        List<ApplyOutcome> outcomes = new ArrayList<>();
        for (Decoded decoded : codec.decodeAll(manifests)) {
            outcomes.add(switch (decoded) {
                case Decoded.Failed failed -> new ApplyOutcome.Failed(failed.index(), failed.kind(), failed.name(),
                        422, failed.errors());
                case Decoded.Ok ok -> applyOrFail(ok.index(), ok.resource(), actor, force);
            });
        }
        return outcomes;
    }

    private ApplyOutcome applyOrFail(int index, Resource resource, String actor, boolean force) {
        String kind = resource.kind().kindName();
        String name = resource.metadata() == null ? null : resource.metadata().name();
        try {
            return apply(index, resource, actor, force);
        } catch (InvalidResourceException e) {
            return new ApplyOutcome.Failed(index, kind, name, 422, e.errors());
        } catch (ReadOnlyResourceException e) {
            return new ApplyOutcome.Failed(index, kind, name, 422, List.of(new FieldError("", e.getMessage())));
        } catch (DatastoreException.Conflict | DatastoreException.AlreadyExists e) {
            return new ApplyOutcome.Failed(index, kind, name, 409, List.of(new FieldError("", e.getMessage())));
        } catch (DatastoreException.NotFound e) {
            return new ApplyOutcome.Failed(index, kind, name, 404, List.of(new FieldError("", e.getMessage())));
        } catch (LockoutException e) {
            return new ApplyOutcome.Failed(index, kind, name, 409, LockoutException.REASON, LockoutErrors.of(e));
        }
    }

    private ApplyOutcome.Applied apply(int index, Resource resource, String actor, boolean force) {
        requireValid(resource); // first: without a valid name there is no key to look up
        refuseBuiltin(resource.key(), Operation.UPDATE);
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Resource> current = store.get(resource.key());
                if (current.isPresent()) {
                    return new ApplyOutcome.Applied(index, write(replaceInternal(resource,
                            expectedRevisionOnApply(resource, current.get()), force, AuditOperation.APPLY, actor)), false);
                }
                return new ApplyOutcome.Applied(index, write(createInternal(resource, force, AuditOperation.APPLY, actor)),
                        true);
            } catch (DatastoreException.AlreadyExists | DatastoreException.NotFound raced) {
                if (attempt == PATCH_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private Committed createInternal(Resource resource, boolean force, AuditOperation operation, String actor) {
        requireValid(resource); // first: without a valid name there is no key to look up
        if (BuiltIns.refuseChange(resource.key(), Operation.CREATE).isPresent()) {
            throw new DatastoreException.AlreadyExists(resource.key());
        }
        List<VerdictChange> cuts = guard.check(resource.key(), resource, force);
        ObjectMeta meta = resource.metadata()
                .withServerFields(null, uids.get().toString(), clock.instant().toString());
        AuditNote note = note(operation, actor, cuts);
        return new Committed(store.create(resource.withMetadata(meta), note), note);
    }

    private Committed replaceInternal(Resource resource, long expectedRevision, boolean force, AuditOperation operation,
                                     String actor) {
        requireValid(resource);
        refuseBuiltin(resource.key(), Operation.UPDATE);
        Resource current = store.get(resource.key()).orElseThrow(() -> new DatastoreException.NotFound(resource.key()));
        List<VerdictChange> cuts = guard.check(resource.key(), resource, force);
        ObjectMeta meta = resource.metadata().withServerFields(null, current.metadata().uid(),
                current.metadata().creationTimestamp());
        AuditNote note = note(operation, actor, cuts);
        return new Committed(store.update(resource.withMetadata(meta), expectedRevision, note), note);
    }

    /** A datastore write and the audit note committed with it. */
    private record Committed(Written written, AuditNote note) {
    }

    /** The note of a write about to commit; a forced write's lists the protected flows it cut. */
    private AuditNote note(AuditOperation operation, String actor, List<VerdictChange> cuts) {
        return new AuditNote(uids.get().toString(), clock.instant(), actor, operation,
                cuts.stream().map(VerdictChange::describe).toList());
    }

    private Resource write(Committed committed) {
        audit(committed, committed.written().after().key());
        return committed.written().after();
    }

    private void audit(Committed committed, ResourceKey key) {
        Written written = committed.written();
        guard.committed(key, written.after(), written.revision());
        audit.record(new AuditEntry(written.revision(), committed.note(), key, written.before(), written.after()));
    }

    private void requireValid(Resource resource) {
        List<FieldError> errors = validator.validate(resource);
        if (!errors.isEmpty()) {
            throw new InvalidResourceException(errors);
        }
    }

    /** Model's protection rule: the default-allow profile never changes, built-in tiers are never deleted. */
    private static void refuseBuiltin(ResourceKey key, Operation operation) {
        BuiltIns.refuseChange(key, operation).ifPresent(reason -> {
            throw new ReadOnlyResourceException(reason);
        });
    }

    private static boolean isDefaultAllow(ResourceKey key) {
        return key.kind() == Kind.PROFILE && BuiltIns.DEFAULT_ALLOW_PROFILE.equals(key.name());
    }

    /** Never stored, so served at revision 0, as Calico serves it. */
    private static Resource defaultAllow() {
        Resource profile = BuiltIns.defaultAllowProfile();
        return profile.withMetadata(profile.metadata().withServerFields("0", null, null));
    }

    /**
     * Built-ins listed beside the stored resources of a kind: the default-allow profile, and each built-in tier
     * until someone stores their own version of it (cluster-scoped, so only for an unqualified or empty namespace).
     */
    private static List<Resource> synthesised(Kind kind, String namespace, List<Resource> stored) {
        if (kind == Kind.PROFILE) {
            return List.of(defaultAllow());
        }
        if (kind == Kind.TIER) {
            return BuiltIns.tiers().stream()
                    .filter(tier -> stored.stream().noneMatch(s -> s.key().equals(tier.key())))
                    .map(Resource.class::cast)
                    .toList();
        }
        return List.of();
    }

    private JsonNode parsePatch(String mergePatch) {
        try {
            JsonNode patch = codec.jsonMapper().readTree(mergePatch);
            if (patch == null || !patch.isObject()) {
                throw new InvalidResourceException("", "a merge patch must be a JSON object");
            }
            return patch;
        } catch (JsonProcessingException e) {
            throw new InvalidResourceException("", "the patch is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Resource decodePatched(JsonNode patched) {
        try {
            return codec.decode(patched);
        } catch (DecodeException e) {
            throw new InvalidResourceException(e.errors());
        }
    }

    /**
     * A resourceVersion means something only in the datastore that issued it. An export of another install
     * (a {@code calicoctl get -o yaml} of the Calico being replaced) carries that install's uid and revision:
     * with a uid that is not the stored object's, the revision is not ours to check, and the import applies.
     */
    private static long expectedRevisionOnApply(Resource resource, Resource current) {
        String uid = resource.metadata().uid();
        if (uid != null && !uid.isBlank() && !uid.equals(current.metadata().uid())) {
            return Datastore.ANY_REVISION;
        }
        return expectedRevision(resource);
    }

    private static long expectedRevision(Resource resource) {
        String version = resource.metadata().resourceVersion();
        if (version == null || version.isBlank()) {
            return Datastore.ANY_REVISION;
        }
        try {
            long revision = Long.parseLong(version.strip());
            if (revision > 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidResourceException("metadata.resourceVersion",
                "must be a positive revision number, got \"" + version + "\"");
    }

    static long revisionOf(Resource stored) {
        return Long.parseLong(stored.metadata().resourceVersion());
    }
}
