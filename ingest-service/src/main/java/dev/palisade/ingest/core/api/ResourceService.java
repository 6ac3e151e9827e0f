package dev.palisade.ingest.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditLog;
import dev.palisade.ingest.core.audit.Operation;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.Listing;
import dev.palisade.ingest.core.store.StoreException;
import dev.palisade.ingest.core.store.Written;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

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
    private final Builtins builtins;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<UUID> uids;

    public ResourceService(Datastore store, ResourceCodec codec, ResourceValidator validator, AuditLog audit,
                           Clock clock, Supplier<UUID> uids) {
        this.store = store;
        this.codec = codec;
        this.validator = validator;
        this.builtins = new Builtins(codec);
        this.audit = audit;
        this.clock = clock;
        this.uids = uids;
    }

    /** Creates the resources every datastore starts with, when they are missing. */
    public void seedDefaults(String actor) {
        for (Resource resource : builtins.seeded()) {
            if (store.get(resource.key()).isEmpty()) {
                try {
                    create(resource, actor);
                } catch (StoreException.AlreadyExists raced) {
                    // another instance seeded it first
                }
            }
        }
    }

    public Resource get(ResourceKey key) {
        return builtins.synthesised(key)
                .or(() -> store.get(key))
                .orElseThrow(() -> new StoreException.NotFound(key));
    }

    /** Resources of a kind ({@code namespace} null: all) whose labels pass {@code labels}, in key order. */
    public Listing list(Kind kind, String namespace, Predicate<Map<String, String>> labels) {
        Listing stored = store.list(kind, namespace);
        List<Resource> items = new ArrayList<>(builtins.synthesised(kind));
        items.addAll(stored.items());
        return new Listing(items.stream()
                .filter(r -> labels.test(r.metadata().labels()))
                .sorted(Comparator.comparing(Resource::key))
                .toList(), stored.revision());
    }

    public Resource create(Resource resource, String actor) {
        return write(Operation.CREATE, createInternal(resource), actor);
    }

    /**
     * Replaces a resource. With {@code metadata.resourceVersion} set, only that revision may be replaced
     * (409 otherwise); without it, whatever is stored is replaced.
     */
    public Resource replace(Resource resource, String actor) {
        return write(Operation.REPLACE, replaceInternal(resource, expectedRevision(resource)), actor);
    }

    public Resource delete(ResourceKey key, long expectedRevision, String actor) {
        refuseBuiltin(key, "delete");
        Written written = store.delete(key, expectedRevision);
        audit(Operation.DELETE, written, key, actor);
        return written.before();
    }

    /** Applies a JSON merge patch to the stored resource; retried when a concurrent write intervenes. */
    public Resource patch(ResourceKey key, String mergePatch, String actor) {
        refuseBuiltin(key, "patch");
        JsonNode patch = parsePatch(mergePatch);
        for (int attempt = 1; ; attempt++) {
            Resource current = store.get(key).orElseThrow(() -> new StoreException.NotFound(key));
            Resource patched = decodePatched(MergePatch.apply(codec.tree(current), patch));
            if (!patched.key().equals(key)) {
                throw new InvalidResourceException("metadata.name", "a patch may not change kind, namespace or name");
            }
            boolean pinned = patch.path("metadata").hasNonNull("resourceVersion");
            long expected = pinned ? expectedRevision(patched) : revisionOf(current);
            try {
                return write(Operation.PATCH, replaceInternal(patched, expected), actor);
            } catch (StoreException.Conflict conflict) {
                if (pinned || attempt == PATCH_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Create-or-update of one resource; the boolean result of the outcome says which. */
    public ApplyOutcome.Applied apply(Resource resource, String actor) {
        return apply(0, resource, actor);
    }

    /** Applies every resource of a manifest stream, each on its own; the outcome says what happened to each. */
    public List<ApplyOutcome> applyAll(String manifests, String actor) {
        List<ApplyOutcome> outcomes = new ArrayList<>();
        for (Decoded decoded : codec.decodeAll(manifests)) {
            outcomes.add(switch (decoded) {
                case Decoded.Failed failed -> new ApplyOutcome.Failed(failed.index(), failed.kind(), failed.name(),
                        422, failed.errors());
                case Decoded.Ok ok -> applyOrFail(ok.index(), ok.resource(), actor);
            });
        }
        return outcomes;
    }

    private ApplyOutcome applyOrFail(int index, Resource resource, String actor) {
        String kind = resource.kind().kindName();
        String name = resource.metadata().name();
        try {
            return apply(index, resource, actor);
        } catch (InvalidResourceException e) {
            return new ApplyOutcome.Failed(index, kind, name, 422, e.errors());
        } catch (ReadOnlyResourceException e) {
            return new ApplyOutcome.Failed(index, kind, name, 422, List.of(new FieldError("", e.getMessage())));
        } catch (StoreException.Conflict | StoreException.AlreadyExists e) {
            return new ApplyOutcome.Failed(index, kind, name, 409, List.of(new FieldError("", e.getMessage())));
        } catch (StoreException.NotFound e) {
            return new ApplyOutcome.Failed(index, kind, name, 404, List.of(new FieldError("", e.getMessage())));
        }
    }

    private ApplyOutcome.Applied apply(int index, Resource resource, String actor) {
        refuseBuiltin(resource.key(), "apply");
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Resource> current = store.get(resource.key());
                if (current.isPresent()) {
                    return new ApplyOutcome.Applied(index, write(Operation.APPLY,
                            replaceInternal(resource, expectedRevisionOnApply(resource, current.get())), actor), false);
                }
                return new ApplyOutcome.Applied(index, write(Operation.APPLY, createInternal(resource), actor), true);
            } catch (StoreException.AlreadyExists | StoreException.NotFound raced) {
                if (attempt == PATCH_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private Written createInternal(Resource resource) {
        if (builtins.isReadOnly(resource.key())) {
            throw new StoreException.AlreadyExists(resource.key());
        }
        requireValid(resource);
        ObjectMeta meta = resource.metadata()
                .withServerFields(null, uids.get().toString(), clock.instant().toString());
        return store.create(resource.withMetadata(meta));
    }

    private Written replaceInternal(Resource resource, long expectedRevision) {
        refuseBuiltin(resource.key(), "update");
        requireValid(resource);
        Resource current = store.get(resource.key()).orElseThrow(() -> new StoreException.NotFound(resource.key()));
        ObjectMeta meta = resource.metadata().withServerFields(null, current.metadata().uid(),
                current.metadata().creationTimestamp());
        return store.update(resource.withMetadata(meta), expectedRevision);
    }

    private Resource write(Operation operation, Written written, String actor) {
        audit(operation, written, written.after().key(), actor);
        return written.after();
    }

    private void audit(Operation operation, Written written, ResourceKey key, String actor) {
        audit.record(new AuditEntry(written.revision(), clock.instant(), actor, operation, key,
                written.before(), written.after()));
    }

    private void requireValid(Resource resource) {
        List<FieldError> errors = validator.validate(resource);
        if (!errors.isEmpty()) {
            throw new InvalidResourceException(errors);
        }
    }

    private void refuseBuiltin(ResourceKey key, String verb) {
        if (builtins.isReadOnly(key)) {
            throw new ReadOnlyResourceException(key, verb);
        }
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
