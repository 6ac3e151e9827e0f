package dev.palisade.hepcontroller.core;

import static dev.palisade.hepcontroller.core.Fixtures.ENABLED;
import static dev.palisade.hepcontroller.core.Fixtures.DISABLED;
import static dev.palisade.hepcontroller.core.Fixtures.iface;
import static dev.palisade.hepcontroller.core.Fixtures.internal;
import static dev.palisade.hepcontroller.core.Fixtures.node;
import static dev.palisade.hepcontroller.core.Fixtures.spec;
import static dev.palisade.hepcontroller.core.Fixtures.template;
import static dev.palisade.hepcontroller.core.Fixtures.withTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.NodeSpec.NodeAddress;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostEndpointModelTest {

    /** Seed 001's master node, with its addresses moved into 198.18.0.0/15. */
    static final Map<String, String> MASTER_LABELS = Map.of(
            "beta.kubernetes.io/arch", "amd64", "beta.kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
            "kubernetes.io/hostname", "master", "kubernetes.io/os", "linux", "node-role.kubernetes.io/master", "");

    @Test
    void seed001MasterGetsAWildcardAutoHepWithItsLabelsAndTheDefaultAllowProfile() {
        DesiredHostEndpoints d = HostEndpointModel.desired(node("master", MASTER_LABELS, "198.18.2.10"), ENABLED);

        assertThat(d.complete()).isTrue();
        assertThat(d.byName()).containsOnlyKeys("master-auto-hep");
        HostEndpoint hep = d.byName().get("master-auto-hep");
        Map<String, String> labels = new HashMap<>(MASTER_LABELS);
        labels.put("projectcalico.org/created-by", "calico-kube-controllers");
        assertThat(hep.metadata().labels()).isEqualTo(labels);
        assertThat(hep.metadata().annotations()).isEmpty();
        assertThat(hep.spec()).isEqualTo(new HostEndpointSpec("master", "*", List.of("198.18.2.10"),
                List.of("projectcalico-default-allow"), List.of()));
        assertThat(HostEndpointModel.isOwned(hep)).isTrue();
    }

    @Test
    void autoCreateDisabledWantsNothing() {
        assertThat(HostEndpointModel.desired(node("master", MASTER_LABELS, "198.18.2.10"), DISABLED).byName()).isEmpty();
    }

    @Test
    void defaultEndpointDisabledAndNoTemplatesWantsNothing() {
        assertThat(HostEndpointModel.desired(node("n1", Map.of(), "198.18.2.11"), withTemplates(false)).byName())
                .isEmpty();
    }

    static Stream<Arguments> expectedIps() {
        NodeSpec everySource = new NodeSpec(
                new NodeSpec.Bgp("198.18.0.1/24", "2001:db8::1/64", "198.18.0.2", null, null),
                "198.18.0.3", "2001:db8::3", new NodeSpec.Wireguard("198.18.0.4", "2001:db8::4"),
                List.of(new NodeAddress("198.18.0.99", "ExternalIP"), internal("198.18.0.5"),
                        new NodeAddress("198.18.0.98", "CalicoNodeIP")),
                List.of(iface("eth0", "198.18.0.6/24", "198.18.0.1"), iface("eth1", "2001:db8::7")));
        return Stream.of(
                Arguments.of("spec order: BGP v4, BGP v6, IPIP, VXLAN v4/v6, WireGuard v4/v6, InternalIP, interfaces",
                        everySource, List.of("198.18.0.1", "2001:db8::1", "198.18.0.2", "198.18.0.3", "2001:db8::3",
                                "198.18.0.4", "2001:db8::4", "198.18.0.5", "198.18.0.6", "2001:db8::7")),
                Arguments.of("duplicates kept once, in first position, also when spelled differently",
                        spec(List.of(internal("2001:db8::9"), internal("198.18.0.9"), internal("2001:DB8:0:0:0:0:0:9")),
                                List.of(iface("eth0", "198.18.0.9/32"))),
                        List.of("2001:db8::9", "198.18.0.9")),
                Arguments.of("invalid entries dropped",
                        spec(List.of(internal("not-an-ip"), internal("198.18.0.256"), internal("198.18.1"),
                                        internal("198.018.0.1"), internal(""), internal("198.18.0.10"),
                                        internal("2001:db8::1::2"), internal("fe80::1%eth0")),
                                List.of(iface("eth0", "198.18.0.11/33", "198.18.0.12/x"))),
                        List.of("198.18.0.10")),
                Arguments.of("no addresses at all", spec(List.of(), List.of()), List.of()),
                Arguments.of("IPv4-mapped IPv6 is written as IPv4, like Go",
                        spec(List.of(internal("::ffff:198.18.0.13")), List.of()), List.of("198.18.0.13")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedIps")
    void defaultEndpointExpectsTheNodeAddresses(String why, NodeSpec spec, List<String> expected) {
        DesiredHostEndpoints d = HostEndpointModel.desired(node("n1", Map.of(), spec), ENABLED);
        assertThat(d.byName().get("n1-auto-hep").spec().expectedIPs()).isEqualTo(expected);
    }

    static final NodeSpec TWO_NICS = spec(
            List.of(internal("198.18.0.5"), internal("198.18.1.5"), internal("2001:db8::5")),
            List.of(iface("eth0", "198.18.3.1/24"), iface("eth1", "198.18.4.1"), iface("veth1", "2001:db8:1::1"),
                    iface("dummy0")));

    record Expect(String name, String interfaceName, List<String> ips) {
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("CIDRs only: one endpoint named after the template, no interface name",
                        template("internal", List.of("198.18.1.0/24"), null, null),
                        List.of(new Expect("n1-internal-auto-hep", "", List.of("198.18.1.5")))),
                Arguments.of("CIDRs matching nothing: no endpoint",
                        template("internal", List.of("198.19.0.0/16"), null, null), List.of()),
                Arguments.of("several CIDRs keep the node's address order",
                        template("mixed", List.of("2001:db8::/64", "198.18.0.0/24"), null, ""),
                        List.of(new Expect("n1-mixed-auto-hep", "", List.of("198.18.0.5", "2001:db8::5")))),
                Arguments.of("host bits in a CIDR are ignored",
                        template("internal", List.of("198.18.1.77/24"), null, null),
                        List.of(new Expect("n1-internal-auto-hep", "", List.of("198.18.1.5")))),
                Arguments.of("pattern: one endpoint per matching interface, IPs = filtered ∪ the interface's",
                        template("nic", List.of("2001:db8::/64"), "^eth[0-9]$", null),
                        List.of(new Expect("n1-nic-eth0-auto-hep", "eth0", List.of("2001:db8::5", "198.18.3.1")),
                                new Expect("n1-nic-eth1-auto-hep", "eth1", List.of("2001:db8::5", "198.18.4.1")))),
                Arguments.of("pattern without CIDRs: only the interface's addresses, even none",
                        template("dummy", List.of(), "dummy", null),
                        List.of(new Expect("n1-dummy-dummy0-auto-hep", "dummy0", List.of()))),
                Arguments.of("an unanchored pattern matches anywhere in the name, as Go's MatchString",
                        template("e", List.of(), "eth1", null),
                        List.of(new Expect("n1-e-eth1-auto-hep", "eth1", List.of("198.18.4.1")),
                                new Expect("n1-e-veth1-auto-hep", "veth1", List.of("2001:db8:1::1")))),
                Arguments.of("node selector matching",
                        template("w", List.of("198.18.0.0/24"), null, "has(kubernetes-worker) && zone == 'a'"),
                        List.of(new Expect("n1-w-auto-hep", "", List.of("198.18.0.5")))),
                Arguments.of("node selector not matching: nothing",
                        template("m", List.of("198.18.0.0/24"), null, "has(node-role.kubernetes.io/master)"),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templatesAddEndpoints(String why, AutoHostEndpointTemplate template, List<Expect> expected) {
        Node n1 = node("n1", Map.of("kubernetes-worker", "", "zone", "a"), TWO_NICS);
        DesiredHostEndpoints d = HostEndpointModel.desired(n1, withTemplates(false, template));

        assertThat(d.complete()).isTrue();
        assertThat(d.problems()).isEmpty();
        assertThat(d.byName().values().stream()
                .map(h -> new Expect(h.metadata().name(), h.spec().interfaceName(), h.spec().expectedIPs()))
                .sorted(java.util.Comparator.comparing(Expect::name)))
                .containsExactlyElementsOf(expected);
        d.byName().values().forEach(h -> {
            assertThat(h.spec().node()).isEqualTo("n1");
            assertThat(h.spec().profiles()).containsExactly("projectcalico-default-allow");
        });
    }

    @Test
    void templateLabelsOverrideNodeLabelsButNeverCreatedByAndAnnotationsComeFromTheTemplateOnly() {
        Node n1 = new Node(new ObjectMeta("n1", null, Map.of("zone", "a", "tier", "node"),
                Map.of("node-note", "not copied"), null, null, null), TWO_NICS);
        AutoHostEndpointTemplate t = new AutoHostEndpointTemplate("t", List.of("198.18.0.0/15"), null,
                Map.of("tier", "template", "projectcalico.org/created-by", "someone-else"),
                Map.of("owner", "net-team"), null);

        HostEndpoint hep = HostEndpointModel.desired(n1, withTemplates(true, t)).byName().get("n1-t-auto-hep");

        assertThat(hep.metadata().labels()).isEqualTo(Map.of("zone", "a", "tier", "template",
                "projectcalico.org/created-by", "calico-kube-controllers"));
        assertThat(hep.metadata().annotations()).isEqualTo(Map.of("owner", "net-team"));
        HostEndpoint defaultHep = HostEndpointModel.desired(n1, withTemplates(true, t)).byName().get("n1-auto-hep");
        assertThat(defaultHep.metadata().annotations()).isEmpty();
        assertThat(defaultHep.metadata().labels()).containsEntry("tier", "node");
    }

    @Test
    void aBadNodeSelectorStopsTheNodeAndMarksTheResultIncomplete() {
        Node n1 = node("n1", Map.of(), TWO_NICS);
        KccNodeConfig config = withTemplates(true,
                template("first", List.of("198.18.0.0/24"), null, null),
                template("broken", List.of("198.18.0.0/24"), null, "has(a"),
                template("after", List.of("198.18.0.0/24"), null, null));

        DesiredHostEndpoints d = HostEndpointModel.desired(n1, config);

        assertThat(d.complete()).isFalse();
        assertThat(d.byName()).containsOnlyKeys("n1-auto-hep", "n1-first-auto-hep");
        assertThat(d.problems()).singleElement().asString().startsWith("templates[1].nodeSelector: selector \"has(a\"");
    }

    @Test
    void aBadInterfacePatternStopsTheNodeToo() {
        DesiredHostEndpoints d = HostEndpointModel.desired(node("n1", Map.of(), TWO_NICS),
                withTemplates(false, template("bad", List.of(), "eth(", null)));

        assertThat(d.complete()).isFalse();
        assertThat(d.byName()).isEmpty();
        assertThat(d.problems()).singleElement().asString().startsWith("templates[0].interfacePattern: ");
    }

    @Test
    void aBadCidrMatchesNoAddressAndIsReported() {
        DesiredHostEndpoints d = HostEndpointModel.desired(node("n1", Map.of(), TWO_NICS),
                withTemplates(false, template("bad", List.of("198.18.0.0/24", "198.18.1.0/40"), null, null),
                        template("nic", List.of("nonsense"), "^eth0$", null)));

        assertThat(d.complete()).isTrue();
        assertThat(d.problems()).containsExactly(
                "templates[0].interfaceCIDRs[1]: not a CIDR: \"198.18.1.0/40\"",
                "templates[1].interfaceCIDRs[0]: not a CIDR: \"nonsense\"");
        assertThat(d.byName()).containsOnlyKeys("n1-nic-eth0-auto-hep");
        assertThat(d.byName().get("n1-nic-eth0-auto-hep").spec().expectedIPs()).containsExactly("198.18.3.1");
    }

    @Test
    void namesLongerThan253CharsAreHashedAndThoseThatFitAreNot() {
        String fits = "n".repeat(244);
        String tooLong = "n".repeat(245);

        assertThat(HostEndpointModel.desired(node(fits, Map.of(), "198.18.0.1"), ENABLED).byName())
                .containsOnlyKeys(fits + "-auto-hep");
        // computed independently (Python: base64url(sha256), strip -_., lower-case)
        assertThat(HostEndpointModel.desired(node(tooLong, Map.of(), "198.18.0.1"), ENABLED).byName())
                .containsOnlyKeys("ewp5m34lkguin2xxvhr9f29ne8lioon3aplebjdzam-auto-hep");
    }

    static final HostEndpoint DESIRED = HostEndpointModel.desired(
            node("n1", Map.of("zone", "a"), "198.18.0.1"), ENABLED).byName().get("n1-auto-hep");

    static HostEndpoint stored(UnaryOperator<HostEndpoint> change) {
        HostEndpoint hep = DESIRED.withMetadata(DESIRED.metadata().withServerFields("41", "uid-1", "2026-01-01T00:00:00Z"));
        return change.apply(hep);
    }

    static HostEndpoint withSpec(HostEndpoint h, String iface, List<String> ips, List<String> profiles,
                                 List<EndpointPort> ports) {
        return new HostEndpoint(h.metadata(), new HostEndpointSpec(h.spec().node(), iface, ips, profiles, ports));
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("identical", stored(h -> h), false),
                Arguments.of("only server fields differ", stored(h -> h.withMetadata(
                        h.metadata().withServerFields("99", "other", "2020-01-01T00:00:00Z"))), false),
                Arguments.of("a user changed the profiles", stored(h -> withSpec(h, "*", h.spec().expectedIPs(),
                        List.of("my-profile"), List.of())), false),
                Arguments.of("a user added ports", stored(h -> withSpec(h, "*", h.spec().expectedIPs(),
                        h.spec().profiles(), List.of(new EndpointPort("ssh", Protocol.TCP, 22)))), false),
                Arguments.of("labels differ", stored(h -> h.withMetadata(h.metadata().withLabels(Map.of("zone", "b",
                        "projectcalico.org/created-by", "calico-kube-controllers")))), true),
                Arguments.of("annotations differ", stored(h -> h.withMetadata(new ObjectMeta(h.metadata().name(), null,
                        h.metadata().labels(), Map.of("a", "b"), "41", "uid-1", "2026-01-01T00:00:00Z"))), true),
                Arguments.of("expectedIPs differ", stored(h -> withSpec(h, "*", List.of("198.18.0.2"),
                        h.spec().profiles(), List.of())), true),
                Arguments.of("expectedIPs in another order", stored(h -> withSpec(h, "*",
                        List.of("198.18.0.9", "198.18.0.1"), h.spec().profiles(), List.of())), true),
                Arguments.of("interfaceName differs", stored(h -> withSpec(h, "eth0", h.spec().expectedIPs(),
                        h.spec().profiles(), List.of())), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void needsUpdateLooksAtLabelsAnnotationsExpectedIpsAndInterfaceOnly(String why, HostEndpoint existing,
                                                                       boolean expected) {
        assertThat(HostEndpointModel.needsUpdate(existing, DESIRED)).isEqualTo(expected);
    }

    @Test
    void anUpdateKeepsServerFieldsAndTheUsersProfilesAndPorts() {
        List<EndpointPort> ports = List.of(new EndpointPort("ssh", Protocol.TCP, 22));
        HostEndpoint existing = stored(h -> withSpec(h.withMetadata(h.metadata().withLabels(Map.of("old", "x"))),
                "eth9", List.of("198.18.9.9"), List.of("my-profile"), ports));

        HostEndpoint updated = HostEndpointModel.updated(existing, DESIRED);

        assertThat(updated.metadata()).isEqualTo(new ObjectMeta("n1-auto-hep", null, DESIRED.metadata().labels(),
                Map.of(), "41", "uid-1", "2026-01-01T00:00:00Z"));
        assertThat(updated.spec()).isEqualTo(new HostEndpointSpec("n1", "*", List.of("198.18.0.1"),
                List.of("my-profile"), ports));
        assertThat(HostEndpointModel.needsUpdate(updated, DESIRED)).isFalse();
    }
}
