package dev.palisade.hepcontroller.core;

import static dev.palisade.hepcontroller.core.Fixtures.ENABLED;
import static dev.palisade.hepcontroller.core.Fixtures.node;
import static dev.palisade.hepcontroller.core.Fixtures.userHep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.NetworkSetSpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceEventFilterTest {

    static final HostEndpoint AUTO = HostEndpointModel.desired(node("n1", Map.of(), "198.18.0.1"), ENABLED)
            .byName().get("n1-auto-hep");
    static final HostEndpoint AUTO_MOVED = new HostEndpoint(AUTO.metadata(), new HostEndpointSpec("n2", "*",
            List.of(), List.of(), List.of()));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("node created", null, node("n1", Map.of(), "198.18.0.1"), List.of(WorkKey.node("n1"))),
                Arguments.of("node deleted", node("n1", Map.of(), "198.18.0.1"), null, List.of(WorkKey.node("n1"))),
                Arguments.of("owned HEP deleted by a user", AUTO, null, List.of(WorkKey.node("n1"))),
                Arguments.of("owned HEP moved to another node: both", AUTO, AUTO_MOVED,
                        List.of(WorkKey.node("n1"), WorkKey.node("n2"))),
                Arguments.of("user HEP changed: nothing", null, userHep("x", "n1", "eth0"), List.of()),
                Arguments.of("default KCC: full sync", null, new KubeControllersConfiguration(
                        ObjectMeta.named("default"), null, null), List.of(WorkKey.FULL_SYNC)),
                Arguments.of("another KCC: nothing", null, new KubeControllersConfiguration(
                        ObjectMeta.named("other"), null, null), List.of()),
                Arguments.of("other kinds: nothing", null, new GlobalNetworkSet(ObjectMeta.named("s"),
                        new NetworkSetSpec(List.of())), List.of()),
                Arguments.of("nothing before or after", null, null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsBecomeKeys(String why, Resource before, Resource after, List<WorkKey> expected) {
        List<WorkKey> keys = new ArrayList<>();
        new ResourceEventFilter(keys::add).onChange(before, after);
        assertThat(keys).isEqualTo(expected);
    }
}
