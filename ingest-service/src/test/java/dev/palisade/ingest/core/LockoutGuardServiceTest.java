package dev.palisade.ingest.core;

import dev.palisade.ingest.core.api.ApplyOutcome;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.audit.AuditEntry;
import dev.palisade.ingest.core.guard.LockoutException;
import dev.palisade.ingest.core.insight.InsightService;
import dev.palisade.ingest.core.intake.IntakeProcessor;
import dev.palisade.ingest.core.intake.RejectedEventException;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.semantics.PacketFields;
import dev.palisade.model.semantics.Preview;
import dev.palisade.model.semantics.Probe;
import dev.palisade.model.semantics.Verdict;
import dev.palisade.model.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockoutGuardServiceTest {

    static final String HOST = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n1}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.0.1/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: allow-all}
            spec:
              selector: has(kubernetes-host)
              order: 1000
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {kubernetes-host: ""}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
            ---
            apiVersion: palisade.dev/v1
            kind: LockoutGuard
            metadata: {name: default}
            spec:
              protectedFlows:
              - name: bastion-admin
                protocol: TCP
                source: {nets: [198.19.15.254/32]}
                destination: {selector: has(kubernetes-host), ports: [2222]}
            """;

    static final String LOCK_DOWN = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: lock-down}
            spec:
              selector: has(kubernetes-host)
              order: 10
              types: [Ingress]
              ingress: [{action: Deny}]
            """;

    private final ResourceCodec codec = new ResourceCodec();
    private final InMemoryDatastore store = new InMemoryDatastore();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final ResourceService service = new ResourceService(store, codec, new Validator()::validate, audit::add,
            Clock.systemUTC(), UUID::randomUUID);
    private final InsightService insight = new InsightService(store, service);

    @BeforeEach
    void seed() {
        assertThat(service.applyAll(HOST, "setup")).allMatch(o -> o instanceof ApplyOutcome.Applied);
        audit.clear();
    }

    @Test
    void aWriteThatCutsAProtectedFlowIsRefusedNamingFlowEndpointAndRule() {
        Resource lockDown = codec.decodeSingle(LOCK_DOWN);

        assertThatThrownBy(() -> service.create(lockDown, "alice"))
                .isInstanceOf(LockoutException.class)
                .hasMessageContaining("default/bastion-admin")
                .hasMessageContaining("n1-eth0")
                .hasMessageContaining("GlobalNetworkPolicy lock-down (tier default) ingress rule 0: Deny");
        assertThat(store.get(lockDown.key())).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void forcedWritesCommitAndTheAuditEntrySaysWhatTheyCut() {
        service.create(codec.decodeSingle(LOCK_DOWN), "alice", true);

        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.note().actor()).isEqualTo("alice");
            assertThat(e.note().forced()).singleElement().asString().contains("default/bastion-admin", "allow -> deny");
        });
    }

    @Test
    void deletesAndApplyStreamsAreGuardedToo() {
        assertThatThrownBy(() -> service.delete(new ResourceKey(Kind.GLOBAL_NETWORK_POLICY, null, "allow-all"),
                Datastore.ANY_REVISION, "alice")).isInstanceOf(LockoutException.class);

        List<ApplyOutcome> outcomes = service.applyAll(LOCK_DOWN, "alice");
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(ApplyOutcome.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(409);
            assertThat(f.errors()).singleElement().satisfies(e ->
                    assertThat(e.path()).isEqualTo("protectedFlows[default/bastion-admin]"));
        });
    }

    @Test
    void aCloudEventThatWouldCutAFlowIsRejectedWithTheReason() {
        String event = """
                {"specversion":"1.0","id":"e9","source":"/tests","type":"palisade.resource.applied",
                 "datacontenttype":"application/json","data":%s}
                """.formatted(codec.toJson(codec.decodeSingle(LOCK_DOWN)));
        IntakeProcessor intake = new IntakeProcessor(service, codec);

        assertThatThrownBy(() -> intake.process(Map.of("content-type", "application/cloudevents+json"),
                event.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("lockout guard")
                .hasMessageContaining("default/bastion-admin");
    }

    @Test
    void stagedPoliciesAreStoredButNeverGuardedOrEnforcedUntilPromoted() {
        Resource staged = codec.decodeSingle(LOCK_DOWN.replace("kind: GlobalNetworkPolicy",
                "kind: StagedGlobalNetworkPolicy"));
        service.create(staged, "alice");
        Probe ssh = new Probe("ssh", PacketFields.parse(
                "node=n1,in=eth0,out=local,src=198.19.15.254,dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort=2222"));

        assertThat(insight.explain(ssh.packet(), null).verdict().allowed()).isTrue();
        Preview.Result preview = insight.preview(List.of(), List.of(staged.key()), List.of(ssh));
        assertThat(preview.selections()).singleElement().satisfies(s -> {
            assertThat(s.added()).containsExactly("n1-eth0");
            assertThat(s.stagedAction()).isEqualTo("Set");
        });
        assertThat(preview.changes()).extracting(c -> c.probe().flow())
                .containsExactlyInAnyOrder("default/bastion-admin", "ssh");
        assertThat(preview.changes()).allSatisfy(c -> assertThat(c.after().verdict()).isEqualTo(Verdict.Outcome.DENY));

        assertThatThrownBy(() -> insight.promote(staged.key(), "alice", false)).isInstanceOf(LockoutException.class);
        assertThat(store.get(staged.key())).isPresent();

        insight.promote(staged.key(), "alice", true);
        assertThat(store.get(staged.key())).isEmpty();
        assertThat(store.get(new ResourceKey(Kind.GLOBAL_NETWORK_POLICY, null, "lock-down"))).isPresent();
        assertThat(insight.explain(ssh.packet(), null).verdict().allowed()).isFalse();
    }

    @Test
    void promotingAStagedDeleteRemovesThePolicy() {
        service.create(codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: StagedGlobalNetworkPolicy
                metadata: {name: allow-all}
                spec: {stagedAction: Delete}
                """), "alice");

        Preview.Result preview = insight.preview(List.of(),
                List.of(new ResourceKey(Kind.STAGED_GLOBAL_NETWORK_POLICY, null, "allow-all")), List.of());
        assertThat(preview.selections()).singleElement().satisfies(s -> assertThat(s.removed()).containsExactly("n1-eth0"));
        assertThat(preview.changes()).extracting(c -> c.probe().flow()).containsExactly("default/bastion-admin");

        insight.promote(new ResourceKey(Kind.STAGED_GLOBAL_NETWORK_POLICY, null, "allow-all"), "bob", true);
        assertThat(store.get(new ResourceKey(Kind.GLOBAL_NETWORK_POLICY, null, "allow-all"))).isEmpty();
    }
}
