package dev.palisade.hepcontroller.core;

import static dev.palisade.hepcontroller.core.Fixtures.ENABLED;
import static dev.palisade.hepcontroller.core.Fixtures.node;
import static dev.palisade.hepcontroller.core.Fixtures.userHep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.hepcontroller.core.HostEndpointStore.StoreException;
import dev.palisade.hepcontroller.core.ReconcileResult.Created;
import dev.palisade.hepcontroller.core.ReconcileResult.Deleted;
import dev.palisade.hepcontroller.core.ReconcileResult.Noop;
import dev.palisade.hepcontroller.core.ReconcileResult.Updated;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostEndpointReconcilerTest {

    static final HostEndpoint WANTED = HostEndpointModel.desired(
            node("n1", Map.of("zone", "a"), "198.18.0.1"), ENABLED).byName().get("n1-auto-hep");
    static final HostEndpoint WANTED_MOVED = HostEndpointModel.desired(
            node("n1", Map.of("zone", "a"), "198.18.0.2"), ENABLED).byName().get("n1-auto-hep");

    static HostEndpoint withProfiles(HostEndpoint h, List<String> profiles) {
        HostEndpointSpec s = h.spec();
        return new HostEndpoint(h.metadata(), new HostEndpointSpec(s.node(), s.interfaceName(), s.expectedIPs(),
                profiles, s.ports()));
    }

    static Stream<Arguments> cases() {
        Consumer<InMemoryHostEndpointStore> empty = s -> { };
        return Stream.of(
                Arguments.of("absent, desired: created", empty, WANTED, Created.class, List.of("create n1-auto-hep")),
                Arguments.of("absent, not desired: noop", empty, null, Noop.class, List.of()),
                Arguments.of("same, desired: noop", (Consumer<InMemoryHostEndpointStore>) s -> s.seed(WANTED),
                        WANTED, Noop.class, List.of()),
                Arguments.of("stale IPs: updated", (Consumer<InMemoryHostEndpointStore>) s -> s.seed(WANTED),
                        WANTED_MOVED, Updated.class, List.of("update n1-auto-hep")),
                Arguments.of("user changed only the profiles: noop",
                        (Consumer<InMemoryHostEndpointStore>) s -> s.seed(withProfiles(WANTED, List.of("mine"))),
                        WANTED, Noop.class, List.of()),
                Arguments.of("owned, not desired: deleted", (Consumer<InMemoryHostEndpointStore>) s -> s.seed(WANTED),
                        null, Deleted.class, List.of("delete n1-auto-hep")),
                Arguments.of("a user's endpoint of the same name is never updated",
                        (Consumer<InMemoryHostEndpointStore>) s -> s.seed(userHep("n1-auto-hep", "n1", "eth0")),
                        WANTED, Noop.class, List.of()),
                Arguments.of("a user's endpoint of the same name is never deleted",
                        (Consumer<InMemoryHostEndpointStore>) s -> s.seed(userHep("n1-auto-hep", "n1", "eth0")),
                        null, Noop.class, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reconcileOneName(String why, Consumer<InMemoryHostEndpointStore> before, HostEndpoint desired,
                          Class<? extends ReconcileResult> result, List<String> writes) {
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        before.accept(store);
        HostEndpoint prior = store.get("n1-auto-hep").orElse(null);

        ReconcileResult r = new HostEndpointReconciler(store).reconcile("n1-auto-hep", desired);

        assertThat(r).isInstanceOf(result);
        assertThat(r.name()).isEqualTo("n1-auto-hep");
        assertThat(store.writes()).isEqualTo(writes);
        switch (r) {
            case Noop n -> assertThat(store.get(n.name()).orElse(null)).isEqualTo(prior);
            case Deleted d -> assertThat(store.get(d.name())).isEmpty();
            case Created c -> assertThat(store.get(c.name())).contains(c.hep());
            case Updated u -> assertThat(HostEndpointModel.needsUpdate(store.get(u.name()).orElseThrow(), desired))
                    .isFalse();
        }
    }

    @Test
    void anUpdateKeepsUidCreationTimestampAndProfilesAndMovesTheResourceVersion() {
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        HostEndpoint before = store.seed(withProfiles(WANTED, List.of("mine")));

        ReconcileResult r = new HostEndpointReconciler(store).reconcile("n1-auto-hep", WANTED_MOVED);

        HostEndpoint after = ((Updated) r).hep();
        assertThat(after).isEqualTo(store.get("n1-auto-hep").orElseThrow());
        assertThat(after.metadata().uid()).isEqualTo(before.metadata().uid());
        assertThat(after.metadata().creationTimestamp()).isEqualTo(before.metadata().creationTimestamp());
        assertThat(after.metadata().resourceVersion()).isNotEqualTo(before.metadata().resourceVersion());
        assertThat(after.spec().profiles()).containsExactly("mine");
        assertThat(after.spec().expectedIPs()).containsExactly("198.18.0.2");
    }

    @Test
    void batchDeletesOwnedEndpointsInScopeThatAreNoLongerDesiredAndLeavesEverythingElse() {
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        HostEndpoint oldTemplate = HostEndpointModel.desired(node("n1", Map.of(), "198.18.0.1"),
                Fixtures.withTemplates(false, Fixtures.template("old", List.of("198.18.0.0/24"), null, null)))
                .byName().get("n1-old-auto-hep");
        HostEndpoint otherNode = HostEndpointModel.desired(node("n2", Map.of(), "198.18.0.2"), ENABLED)
                .byName().get("n2-auto-hep");
        store.seed(oldTemplate);
        store.seed(otherNode);
        store.seed(userHep("n1-eth0", "n1", "eth0"));

        List<ReconcileResult> results = new HostEndpointReconciler(store).batchReconcile(
                Map.of("n1-auto-hep", WANTED), hep -> "n1".equals(hep.spec().node()));

        assertThat(results).extracting(r -> r.getClass().getSimpleName() + " " + r.name())
                .containsExactly("Created n1-auto-hep", "Deleted n1-old-auto-hep");
        assertThat(store.list()).extracting(h -> h.metadata().name())
                .containsExactly("n1-auto-hep", "n1-eth0", "n2-auto-hep");
    }

    @Test
    void aStoreFailureSurfacesToTheCaller() {
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        store.failNextWrites(1);

        assertThatThrownBy(() -> new HostEndpointReconciler(store).reconcile("n1-auto-hep", WANTED))
                .isInstanceOf(StoreException.class)
                .hasMessage("injected failure on create n1-auto-hep");
    }
}
