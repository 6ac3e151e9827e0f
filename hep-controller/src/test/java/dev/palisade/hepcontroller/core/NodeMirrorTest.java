package dev.palisade.hepcontroller.core;

import static dev.palisade.hepcontroller.core.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The node source's write decisions, against the view; the store records every write it is asked for. */
class NodeMirrorTest {

    private final Map<String, Node> source = new HashMap<>();
    private boolean synced = true;
    private final ResourceView view = new ResourceView(null);
    private final List<String> writes = new ArrayList<>();
    private final NodeMirror mirror = new NodeMirror(new NodeSource() {
        @Override
        public boolean synced() {
            return synced;
        }

        @Override
        public Optional<Node> node(String name) {
            return Optional.ofNullable(source.get(name));
        }

        @Override
        public Set<String> names() {
            return source.keySet();
        }
    }, view, new NodeStore() {
        @Override
        public Node create(Node node) {
            writes.add("create " + node.metadata().name());
            return stored(node);
        }

        @Override
        public Node update(Node node) {
            writes.add("update " + node.metadata().name());
            return stored(node);
        }

        @Override
        public void delete(String name) {
            writes.add("delete " + name);
            view.apply(new ResourceKey(Kind.NODE, null, name), null);
        }
    }, "kubernetes");

    /** What ingest would store and the topic bring back. */
    private Node stored(Node node) {
        view.apply(node.key(), node);
        return node;
    }

    @Test
    void createsThenWritesNothingUntilLabelsOrAddressesChange() {
        source.put("n1", node("n1", Map.of("role", "worker"), "198.18.5.1"));
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.CREATED);
        Node created = view.node("n1").orElseThrow();
        assertThat(created.metadata().annotations()).containsEntry(NodeMirror.SOURCE_ANNOTATION, "kubernetes");
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.NONE);
        assertThat(mirror.syncAll()).containsOnly(NodeMirror.Change.NONE);

        source.put("n1", node("n1", Map.of("role", "master"), "198.18.5.1"));
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.UPDATED);
        source.put("n1", node("n1", Map.of("role", "master"), "198.18.5.2"));
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.UPDATED);
        assertThat(view.node("n1").orElseThrow().spec().addresses())
                .containsExactly(new NodeSpec.NodeAddress("198.18.5.2", "InternalIP"));
        assertThat(writes).containsExactly("create n1", "update n1", "update n1");
    }

    @Test
    void keepsWhatTheSourceDoesNotOwnOnANodeItUpdates() {
        Node existing = new Node(new ObjectMeta("n1", null, Map.of("old", "x"), Map.of("note", "kept"), "7", "u1", null),
                new NodeSpec(new NodeSpec.Bgp("198.18.5.1/24", null, null, null, null), null, null, null, List.of(),
                        List.of(new NodeSpec.NodeInterface("eth0", List.of("198.18.5.1")))));
        view.apply(existing.key(), existing);
        source.put("n1", node("n1", Map.of("role", "worker"), "198.18.5.1"));
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.UPDATED);
        Node updated = view.node("n1").orElseThrow();
        assertThat(updated.metadata().labels()).isEqualTo(Map.of("role", "worker"));
        assertThat(updated.metadata().annotations()).containsEntry("note", "kept")
                .containsEntry(NodeMirror.SOURCE_ANNOTATION, "kubernetes");
        assertThat(updated.metadata().resourceVersion()).as("optimistic concurrency on update").isEqualTo("7");
        assertThat(updated.spec().bgp()).isEqualTo(existing.spec().bgp());
        assertThat(updated.spec().interfaces()).isEqualTo(existing.spec().interfaces());
    }

    @Test
    void deletesOnlyMirroredNodesAndNothingBeforeTheSourceHasSynced() {
        source.put("n1", node("n1", Map.of(), "198.18.5.1"));
        mirror.sync("n1");
        Node vm = node("vm-1", Map.of("role", "vm"), "198.18.5.99");
        view.apply(vm.key(), vm);
        source.clear();

        synced = false;
        assertThat(mirror.syncAll()).isEmpty();
        assertThat(mirror.sync("n1")).isEqualTo(NodeMirror.Change.NONE);

        synced = true;
        assertThat(mirror.syncAll()).containsExactly(NodeMirror.Change.DELETED);
        assertThat(view.node("n1")).isEmpty();
        assertThat(view.node("vm-1")).as("not the source's: left alone").isPresent();
        assertThat(mirror.sync("vm-1")).isEqualTo(NodeMirror.Change.NONE);
        assertThat(writes).containsExactly("create n1", "delete n1");
    }
}
