package dev.palisade.driver;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.driver.adapter.IpInterfaceWatcher;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.core.NodeStateAssembler;
import dev.palisade.driver.core.BatchOutcome;
import dev.palisade.driver.sync.Reconciler;
import dev.palisade.driver.sync.SyncResult;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.Simulator;
import dev.palisade.model.semantics.Verdict;
import dev.palisade.model.semantics.World;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.testkit.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain against the reference: resources ({@code parity.yaml}) go through the policy calculator's
 * engine to node1's dataplane entries, the driver applies them in a real node namespace, and every probe's
 * real outcome (open = allowed, timeout = dropped) must equal {@code palisade simulate}'s verdict for the
 * same resources and packet. Also checks the verdict itself, so both sides cannot drift together unseen.
 *
 * <pre>
 *  ext (198.18.0.2) ──eth0 [node1-eth0: role=edge]── node1 ──eth1 [node1-eth1: role=inner]── far (198.18.1.2)
 *                                                      └── cali1 ── pod (198.18.2.2); NodePort 30080 → pod:8080
 * </pre>
 */
class SimulateParityTest {

    private static final String NODE = "node1";
    private static final String LOCAL = Packet.LOCAL;

    private record Probe(String name, String from, String in, String out, String src, String dst, String proto,
                         int port, String dnatTo, Integer dnatPort, boolean expectAllowed) {
    }

    private static final List<Probe> PROBES = List.of(
            new Probe("web from ext", "ext", "eth0", LOCAL, "198.18.0.2", "198.18.0.1", "tcp", 80, null, null, true),
            new Probe("8080 from ext: end of tier", "ext", "eth0", LOCAL, "198.18.0.2", "198.18.0.1", "tcp", 8080, null, null, false),
            new Probe("ssh failsafe", "ext", "eth0", LOCAL, "198.18.0.2", "198.18.0.1", "tcp", 22, null, null, true),
            new Probe("untracked udp 5353", "ext", "eth0", LOCAL, "198.18.0.2", "198.18.0.1", "udp", 5353, null, null, true),
            new Probe("nodeport from ext", "ext", "eth0", "cali1", "198.18.0.2", "198.18.0.1", "tcp", 30080, "198.18.2.2", 8080, true),
            new Probe("nodeport from far", "far", "eth1", "cali1", "198.18.1.2", "198.18.1.1", "tcp", 30080, "198.18.2.2", 8080, false),
            new Probe("forward far to ext 9000", "far", "eth1", "eth0", "198.18.1.2", "198.18.0.2", "tcp", 9000, null, null, true),
            new Probe("forward far to ext 80", "far", "eth1", "eth0", "198.18.1.2", "198.18.0.2", "tcp", 80, null, null, false),
            new Probe("far to host 80", "far", "eth1", LOCAL, "198.18.1.2", "198.18.1.1", "tcp", 80, null, null, false),
            new Probe("far to host 9000", "far", "eth1", LOCAL, "198.18.1.2", "198.18.1.1", "tcp", 9000, null, null, true),
            new Probe("host to ext 9000", "node", LOCAL, "eth0", "198.18.0.1", "198.18.0.2", "tcp", 9000, null, null, true));

    private static NetNs node;
    private static NetNs ext;
    private static NetNs far;
    private static NetNs pod;
    private static Lab lab;
    private static List<Resource> resources;

    @BeforeAll
    static void setUp() throws IOException {
        node = NetNs.create("pnode");
        ext = NetNs.create("pext");
        far = NetNs.create("pfar");
        pod = NetNs.create("ppod");
        node.veth("eth0", ext, "eth0");
        node.veth("eth1", far, "eth0");
        node.veth("cali1", pod, "eth0");
        node.addAddress("eth0", "198.18.0.1/24");
        ext.addAddress("eth0", "198.18.0.2/24");
        node.addAddress("eth1", "198.18.1.1/24");
        far.addAddress("eth0", "198.18.1.2/24");
        node.addAddress("cali1", "198.18.2.1/24");
        pod.addAddress("eth0", "198.18.2.2/24");
        ext.ip("route", "add", "198.18.0.0/15", "via", "198.18.0.1");
        far.ip("route", "add", "198.18.0.0/15", "via", "198.18.1.1");
        pod.ip("route", "add", "198.18.0.0/15", "via", "198.18.2.1");
        node.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1").requireSuccess();
        node.exec("nft", "add table ip kubeproxy; add chain ip kubeproxy pre { type nat hook prerouting priority dstnat; };"
                + " add rule ip kubeproxy pre tcp dport 30080 dnat to 198.18.2.2:8080").requireSuccess();
        lab = new Lab();
        lab.listen(node, "tcp:22", "tcp:80", "tcp:8080", "tcp:9000", "udp:5353");
        lab.listen(ext, "tcp:80", "tcp:9000");
        lab.listen(pod, "tcp:8080");
        resources = load("/parity.yaml");
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
        for (NetNs ns : new NetNs[] {node, ext, far, pod}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> realVerdictsEqualTheSimulator() {
        NodeState desired = calculate(resources);
        try (DataplaneBackend backend = Lab.backend(node)) {
            SyncResult applied = new Reconciler(backend).sync(desired,
                    new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(), Duration.ofSeconds(1), i -> { }).read());
            assertThat(applied.error()).isNull();
        }
        Simulator simulator = new Simulator(World.of(resources));
        return PROBES.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            Verdict simulated = simulator.simulate(packet(p));
            String real = lab.probe(namespace(p.from()), p.proto(), p.dst(), p.port());
            assertThat(real).as("probe result").isIn("open", "timeout");
            assertThat(real.equals("open")).as("kernel vs simulate (%s)", simulated).isEqualTo(simulated.allowed());
            assertThat(simulated.allowed()).as("expected verdict").isEqualTo(p.expectAllowed());
        }));
    }

    /** node1's state as the calculator publishes it for these resources. */
    private static NodeState calculate(List<Resource> resources) {
        List<DataplaneMessage> published = new ArrayList<>();
        CalcGraph graph = CalcGraphFactory.create((n, batch) -> published.addAll(batch), (key, problems) -> {
            throw new AssertionError("calculator rejected " + key + ": " + problems);
        });
        resources.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(42);
        NodeStateAssembler assembler = new NodeStateAssembler(NODE);
        NodeState state = null;
        for (DataplaneMessage m : published) {
            if (assembler.accept(m).orElse(null) instanceof BatchOutcome.Complete complete) {
                state = complete.state();
            }
        }
        assertThat(state).as("a complete batch for " + NODE).isNotNull();
        assertThat(state.revision()).isEqualTo(42);
        return state;
    }

    private static Packet packet(Probe p) {
        int protocol = p.proto().equals("tcp") ? 6 : 17;
        return new Packet(NODE, p.in(), p.out(), ip(p.src()), ip(p.dst()), protocol, 40000, p.port(), null, null,
                Packet.ConnState.NEW, p.dnatTo() == null ? null : new Packet.Destination(ip(p.dnatTo()), p.dnatPort()));
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow(() -> new IllegalArgumentException("not an address: " + text));
    }

    private static NetNs namespace(String role) {
        return switch (role) {
            case "ext" -> ext;
            case "far" -> far;
            case "node" -> node;
            default -> throw new IllegalArgumentException(role);
        };
    }

    private static List<Resource> load(String name) throws IOException {
        String text;
        try (InputStream in = SimulateParityTest.class.getResourceAsStream(name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Defaulter defaulter = new Defaulter();
        List<Resource> out = new ArrayList<>();
        for (Decoded d : new ResourceCodec().decodeAll(text)) {
            if (!(d instanceof Decoded.Ok ok)) {
                throw new AssertionError("cannot decode " + name + ": " + d);
            }
            out.add(defaulter.applyDefaults(ok.resource()));
        }
        return out;
    }
}
