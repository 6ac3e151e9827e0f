package dev.palisade.ingest.core;

import dev.palisade.ingest.core.api.ApplyOutcome;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.model.validation.Validator;
import dev.palisade.ingest.core.api.ReadOnlyResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.audit.AuditOperation;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.validation.BuiltIns;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceServiceTest {

    private final ResourceCodec codec = new ResourceCodec();
    private final InMemoryDatastore store = new InMemoryDatastore();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final ResourceService service = new ResourceService(store, codec, new Validator()::validate, audit::add,
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
            () -> UUID.fromString("00000000-0000-0000-0000-000000000001"));

    private Resource hep(String name, String extraMetadata) {
        return codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: %s
                %s
                spec:
                  node: node1
                  interfaceName: eth0
                """.formatted(name, extraMetadata));
    }

    @Test
    void createSetsServerFieldsAndAudits() {
        Resource created = service.create(hep("h1", ""), "alice");

        assertThat(created.metadata().uid()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(created.metadata().creationTimestamp()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(created.metadata().resourceVersion()).isEqualTo("1");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.note().operation()).isEqualTo(AuditOperation.CREATE);
            assertThat(e.note().actor()).isEqualTo("alice");
            assertThat(e.before()).isNull();
            assertThat(e.after()).isEqualTo(created);
        });
    }

    @Test
    void replaceChecksTheResourceVersionWhenGiven() {
        service.create(hep("h1", ""), "alice");
        service.replace(hep("h1", "  resourceVersion: \"1\""), "alice");

        assertThatThrownBy(() -> service.replace(hep("h1", "  resourceVersion: \"1\""), "bob"))
                .isInstanceOf(DatastoreException.Conflict.class).hasMessageContaining("resourceVersion 2, not 1");
        assertThat(service.replace(hep("h1", ""), "bob").metadata().resourceVersion()).isEqualTo("3");
        assertThatThrownBy(() -> service.replace(hep("h1", "  resourceVersion: \"x\""), "bob"))
                .isInstanceOf(InvalidResourceException.class).hasMessageContaining("metadata.resourceVersion");
    }

    @Test
    void replaceKeepsUidAndCreationTimeOfTheStoredResource() {
        Resource created = service.create(hep("h1", ""), "alice");
        Resource replaced = service.replace(hep("h1", "  uid: forged"), "alice");

        assertThat(replaced.metadata().uid()).isEqualTo(created.metadata().uid());
    }

    @Test
    void patchMergesAndRefusesRenames() {
        service.create(hep("h1", "  labels: {a: '1'}"), "alice");

        Resource patched = service.patch(new ResourceKey(Kind.HOST_ENDPOINT, null, "h1"),
                "{\"metadata\":{\"labels\":{\"b\":\"2\"}}}", "alice");

        assertThat(patched.metadata().labels()).containsEntry("a", "1").containsEntry("b", "2");
        assertThatThrownBy(() -> service.patch(new ResourceKey(Kind.HOST_ENDPOINT, null, "h1"),
                "{\"metadata\":{\"name\":\"h2\"}}", "alice"))
                .isInstanceOf(InvalidResourceException.class).hasMessageContaining("metadata.name");
        assertThatThrownBy(() -> service.patch(new ResourceKey(Kind.HOST_ENDPOINT, null, "h1"),
                "{\"spec\":{\"nope\":1}}", "alice"))
                .isInstanceOf(InvalidResourceException.class).hasMessageContaining("spec.nope");
    }

    @Test
    void theDefaultAllowProfileIsListedAndReadOnly() {
        ResourceKey key = new ResourceKey(Kind.PROFILE, null, "projectcalico-default-allow");

        assertThat(service.list(Kind.PROFILE, null, labels -> true).items()).extracting(Resource::key).contains(key);
        assertThatThrownBy(() -> service.delete(key, Datastore.ANY_REVISION, "alice"))
                .isInstanceOf(ReadOnlyResourceException.class);
        assertThatThrownBy(() -> service.create(service.get(key), "alice"))
                .isInstanceOf(DatastoreException.AlreadyExists.class);
    }

    @Test
    void builtInTiersAreListedReadableAndCannotBeDeleted() {
        assertThat(service.list(Kind.TIER, null, labels -> true).items()).extracting(r -> r.metadata().name())
                .containsExactly("default", "kube-admin", "kube-baseline");
        ResourceKey defaultTier = new ResourceKey(Kind.TIER, null, "default");
        assertThat(service.get(defaultTier)).isEqualTo(BuiltIns.tier("default").orElseThrow());
        assertThatThrownBy(() -> service.delete(defaultTier, Datastore.ANY_REVISION, "alice"))
                .isInstanceOf(ReadOnlyResourceException.class).hasMessageContaining("built-in tiers cannot be deleted");
    }

    @Test
    void seedingCreatesTheDefaultsOnce() {
        service.seedDefaults("system");
        service.seedDefaults("system");

        assertThat(service.list(Kind.FELIX_CONFIGURATION, null, l -> true).items()).hasSize(1);
        assertThat(service.list(Kind.KUBE_CONTROLLERS_CONFIGURATION, null, l -> true).items()).hasSize(1);
        assertThat(audit).hasSize(2);
    }

    @Test
    void applyReportsEveryResourceOnItsOwn() {
        String stream = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: ok-1}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: Not_Valid}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: ok-1}
                spec: {node: n2, interfaceName: eth0}
                """;

        List<ApplyOutcome> outcomes = service.applyAll(stream, "alice");

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(ApplyOutcome.Applied.class, a -> assertThat(a.created()).isTrue());
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ApplyOutcome.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(422);
            assertThat(f.errors()).extracting(e -> e.path()).containsExactly("metadata.name");
        });
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(ApplyOutcome.Applied.class, a -> assertThat(a.created()).isFalse());
    }
}
