package dev.palisade.hepcontroller.core;

import static dev.palisade.hepcontroller.core.Fixtures.node;
import static dev.palisade.hepcontroller.core.Fixtures.userHep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The controller over a sequence of cluster states (table-driven): after each step's resource changes and a
 * sync, the store must hold exactly the expected endpoints. Every sequence runs twice: syncing only the
 * nodes the changes touched (event-driven), and with a full sync after every step (periodic repair).
 */
class AutoHostEndpointControllerTest {

    static final Map<String, String> MASTER = Map.of("kubernetes.io/hostname", "master",
            "node-role.kubernetes.io/master", "");
    static final String OWNED = "projectcalico.org/created-by";

    static KubeControllersConfiguration kcc(String autoCreate, String createDefault,
                                            AutoHostEndpointTemplate... templates) {
        var hep = new KubeControllersConfigurationSpec.HostEndpointController(autoCreate, createDefault,
                List.of(templates));
        var nodeController = new KubeControllersConfigurationSpec.NodeController("5m", "Enabled", hep, "15m");
        var controllers = new KubeControllersConfigurationSpec.Controllers(nodeController, null, null, null, null,
                null, null);
        return new KubeControllersConfiguration(ObjectMeta.named("default"),
                new KubeControllersConfigurationSpec("Info", "Enabled", "10m", null, null, controllers), null);
    }

    /** One step: changes to apply, then the endpoints expected as name → expectedIPs. */
    record Step(String name, List<Resource> puts, List<String> deletedNodes, Map<String, List<String>> expected) {
        static Step of(String name, List<Resource> puts, List<String> deletedNodes, Map<String, List<String>> expected) {
            return new Step(name, puts, deletedNodes, new TreeMap<>(expected));
        }
    }

    static final Node MASTER_NODE = node("master", MASTER, "198.18.2.10");
    static final Node NODE1 = node("node1", Map.of("kubernetes.io/hostname", "node1"), "198.18.2.11");
    static final Node NODE2 = node("node2", Map.of("kubernetes.io/hostname", "node2"), "198.18.2.12");

    static final List<Step> SEED_001 = List.of(
            Step.of("three nodes, no configuration: auto-create is off by default",
                    List.of(MASTER_NODE, NODE1, NODE2), List.of(), Map.of()),
            Step.of("autoCreate Enabled: three auto HEPs",
                    List.of(kcc("Enabled", null)), List.of(),
                    Map.of("master-auto-hep", List.of("198.18.2.10"), "node1-auto-hep", List.of("198.18.2.11"),
                            "node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("node1 moves address",
                    List.of(node("node1", Map.of("kubernetes.io/hostname", "node1"), "198.18.3.11")), List.of(),
                    Map.of("master-auto-hep", List.of("198.18.2.10"), "node1-auto-hep", List.of("198.18.3.11"),
                            "node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("a template adds per-interface endpoints on the master only",
                    List.of(kcc("Enabled", "Enabled", new AutoHostEndpointTemplate("int", List.of("198.18.2.0/24"),
                            null, Map.of(), Map.of(), "has(node-role.kubernetes.io/master)"))), List.of(),
                    Map.of("master-auto-hep", List.of("198.18.2.10"), "master-int-auto-hep", List.of("198.18.2.10"),
                            "node1-auto-hep", List.of("198.18.3.11"), "node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("default endpoint disabled: only the template's remains",
                    List.of(kcc("Enabled", "Disabled", new AutoHostEndpointTemplate("int", List.of("198.18.2.0/24"),
                            null, Map.of(), Map.of(), "has(node-role.kubernetes.io/master)"))), List.of(),
                    Map.of("master-int-auto-hep", List.of("198.18.2.10"))),
            Step.of("back to the default endpoint only", List.of(kcc("Enabled", "Enabled")), List.of(),
                    Map.of("master-auto-hep", List.of("198.18.2.10"), "node1-auto-hep", List.of("198.18.3.11"),
                            "node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("node2 deleted: its endpoint goes", List.of(), List.of("node2"),
                    Map.of("master-auto-hep", List.of("198.18.2.10"), "node1-auto-hep", List.of("198.18.3.11"))),
            Step.of("autoCreate Disabled: every auto endpoint goes", List.of(kcc("Disabled", null)), List.of(),
                    Map.of()));

    static final List<Step> TEARDOWN_IN_OTHER_ORDER = List.of(
            Step.of("enabled first, nodes later", List.of(kcc("Enabled", null), NODE2, NODE1), List.of(),
                    Map.of("node1-auto-hep", List.of("198.18.2.11"), "node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("delete node1 first", List.of(), List.of("node1"),
                    Map.of("node2-auto-hep", List.of("198.18.2.12"))),
            Step.of("delete node2", List.of(), List.of("node2"), Map.of()));

    @TestFactory
    Stream<DynamicTest> sequences() {
        return Stream.of(Map.entry("seed 001", SEED_001), Map.entry("teardown order", TEARDOWN_IN_OTHER_ORDER))
                .flatMap(seq -> Stream.of(true, false).map(full -> DynamicTest.dynamicTest(
                        seq.getKey() + (full ? ", full sync per step" : ", per-node sync"),
                        () -> run(seq.getValue(), full))));
    }

    private static void run(List<Step> steps, boolean fullSync) {
        ResourceView view = new ResourceView(null);
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        store.seed(userHep("master-eth0", "master", "eth0"));
        AutoHostEndpointController controller = new AutoHostEndpointController(view, store);
        List<WorkKey> keys = new ArrayList<>();
        ResourceEventFilter filter = new ResourceEventFilter(keys::add);
        for (Step step : steps) {
            keys.clear();
            step.puts().forEach(r -> filter.onChange(view.apply(r.key(), r), r));
            step.deletedNodes().forEach(n -> filter.onChange(
                    view.apply(new ResourceKey(Kind.NODE, null, n), null), null));
            if (fullSync) {
                controller.syncAll();
            } else {
                keys.stream().distinct().forEach(k -> {
                    switch (k) {
                        case WorkKey.NodeKey n -> controller.syncNode(n.name());
                        case WorkKey.FullSync f -> controller.syncAll();
                    }
                });
            }
            Map<String, List<String>> owned = new TreeMap<>();
            store.list().stream().filter(HostEndpointModel::isOwned)
                    .forEach(h -> owned.put(h.metadata().name(), h.spec().expectedIPs()));
            assertThat(owned).as(step.name()).isEqualTo(step.expected());
            assertThat(store.get("master-eth0")).as(step.name() + ": user endpoint untouched").isPresent()
                    .get().extracting(h -> h.metadata().resourceVersion()).isEqualTo("1");
            store.clearWrites();
            controller.syncAll();
            assertThat(store.writes()).as(step.name() + ": a second sync changes nothing").isEmpty();
        }
    }

    @Test
    void aBadTemplateKeepsWhatExistsInsteadOfDeletingIt() {
        ResourceView view = new ResourceView(null);
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        AutoHostEndpointController controller = new AutoHostEndpointController(view, store);
        view.apply(NODE1.key(), NODE1);
        AutoHostEndpointTemplate good = new AutoHostEndpointTemplate("t", List.of("198.18.0.0/15"), null, Map.of(),
                Map.of(), null);
        KubeControllersConfiguration config = kcc("Enabled", "Enabled", good);
        view.apply(config.key(), config);
        controller.syncAll();
        KubeControllersConfiguration broken = kcc("Enabled", "Disabled",
                new AutoHostEndpointTemplate("bad", List.of("198.18.0.0/15"), null, Map.of(), Map.of(), "a ==="),
                good);
        view.apply(broken.key(), broken);

        AutoHostEndpointController.NodeSync sync = controller.syncNode("node1");

        assertThat(sync.problems()).singleElement().asString().startsWith("templates[0].nodeSelector:");
        assertThat(sync.results()).isEmpty();
        assertThat(store.list()).extracting(h -> h.metadata().name())
                .containsExactly("node1-auto-hep", "node1-t-auto-hep");
    }

    @Test
    void aUserDeletingAnAutoEndpointIsRepairedFromTheHostEndpointEvent() {
        ResourceView view = new ResourceView("enabled");
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        AutoHostEndpointController controller = new AutoHostEndpointController(view, store);
        view.apply(NODE1.key(), NODE1);
        HostEndpoint created = ((ReconcileResult.Created) controller.syncNode("node1").results().get(0)).hep();
        view.apply(created.key(), created);
        store.delete("node1-auto-hep");
        List<WorkKey> keys = new ArrayList<>();

        new ResourceEventFilter(keys::add).onChange(view.apply(created.key(), null), null);
        keys.forEach(k -> controller.syncNode(((WorkKey.NodeKey) k).name()));

        assertThat(keys).containsExactly(WorkKey.node("node1"));
        assertThat(store.get("node1-auto-hep")).get().extracting(h -> h.metadata().labels().get(OWNED))
                .isEqualTo("calico-kube-controllers");
    }

    @Test
    void theEnvironmentOverrideWinsOverTheConfiguration() {
        ResourceView view = new ResourceView("disabled");
        InMemoryHostEndpointStore store = new InMemoryHostEndpointStore();
        view.apply(NODE1.key(), NODE1);
        KubeControllersConfiguration on = kcc("Enabled", null);
        view.apply(on.key(), on);

        new AutoHostEndpointController(view, store).syncAll();

        assertThat(store.list()).isEmpty();
    }
}
