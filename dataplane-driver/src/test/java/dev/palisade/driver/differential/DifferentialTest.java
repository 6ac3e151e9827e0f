package dev.palisade.driver.differential;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Update;
import dev.palisade.driver.Lab;
import dev.palisade.driver.BatchProber;
import dev.palisade.driver.adapter.IpInterfaceWatcher;
import dev.palisade.driver.core.BatchOutcome;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.core.NodeStateAssembler;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel as the oracle of {@code palisade simulate}: random worlds ({@link WorldGenerator}, fixed seed) go
 * through the calculator's engine to node1's dataplane state, each backend enforces it in a node namespace of
 * its own, and every packet's real outcome (open = allowed, timeout = dropped) must equal the simulator's
 * verdict, over IPv4 and IPv6, to the host and from it. Each backend keeps one reconciler across worlds, so
 * the worlds also exercise its incremental diff. {@code -Dpalisade.differential.worlds=N} and
 * {@code .seed=S} size a run ({@code bench/run differential}: 1,000 worlds); it ends with a {@code RESULT} line.
 */
class DifferentialTest {

    private static final String NODE = "node1";
    /** Far above a round trip between two namespaces (microseconds), so a batch costs little more than this. */
    private static final double TIMEOUT = 0.1;
    /**
     * A timeout where simulate allows is probed again this long before it counts: on a loaded machine a prober
     * can miss 100 ms, while a real drop stays dropped however long one waits.
     */
    private static final double RECHECK_TIMEOUT = 2.0;

    /** A packet of the differential: to the host from ext (ingress) or from the host to ext (egress). */
    private record Probe(boolean ingress, String proto, int port, int family) {
        String local() {
            return family == 4 ? "198.18.0.1" : "2001:db8:0:1::1";
        }

        String remote() {
            return family == 4 ? WorldGenerator.EXT4 : WorldGenerator.EXT6;
        }

        String spec() {
            return proto + "," + (ingress ? local() : remote()) + "," + port;
        }

        Packet packet() {
            IpAddress local = IpAddress.parse(local()).orElseThrow();
            IpAddress remote = IpAddress.parse(remote()).orElseThrow();
            int protocol = proto.equals("tcp") ? 6 : 17;
            return ingress
                    ? new Packet(NODE, "eth0", Packet.LOCAL, remote, local, protocol, 40000, port, null, null,
                    Packet.ConnState.NEW, null)
                    : new Packet(NODE, Packet.LOCAL, "eth0", local, remote, protocol, 40000, port, null, null,
                    Packet.ConnState.NEW, null);
        }

        @Override
        public String toString() {
            return (ingress ? "ext → host " : "host → ext ") + proto + "/" + port + " IPv" + family;
        }
    }

    private static final List<Probe> PROBES = probes();

    private static List<Probe> probes() {
        List<Probe> all = new ArrayList<>();
        for (int family : new int[] {4, 6}) {
            for (String spec : List.of("tcp:22", "tcp:80", "tcp:8080", "tcp:9000", "udp:5353")) {
                all.add(new Probe(true, spec.split(":")[0], Integer.parseInt(spec.split(":")[1]), family));
            }
            for (String spec : List.of("tcp:80", "tcp:9000", "udp:53", "udp:5353")) {
                all.add(new Probe(false, spec.split(":")[0], Integer.parseInt(spec.split(":")[1]), family));
            }
        }
        return all;
    }

    /** One backend's own node and peer namespaces, with a long-lived prober in each. */
    private record Site(Lab.Backend backend, NetNs node, NetNs ext, Reconciler reconciler, List<HostInterface> interfaces,
                        BatchProber nodeProber, BatchProber extProber) {
    }

    /** iptables through iptables-nft; RealPacketTest covers iptables-legacy, which renders the same rules. */
    private static final List<Lab.Backend> BACKENDS = List.of(Lab.Backend.NFTABLES, Lab.Backend.IPTABLES);

    private static final AtomicLong REVISION = new AtomicLong();
    private static Lab lab;
    private static final Map<Lab.Backend, Site> SITES = new EnumMap<>(Lab.Backend.class);

    @BeforeAll
    static void sites() {
        lab = new Lab();
        for (Lab.Backend backend : BACKENDS) {
            String tag = backend == Lab.Backend.NFTABLES ? "n" : "i";
            NetNs node = NetNs.create("dnode" + tag);
            NetNs ext = NetNs.create("dext" + tag);
            node.veth("eth0", ext, "eth0");
            node.addAddress("eth0", "198.18.0.1/24");
            ext.addAddress("eth0", WorldGenerator.EXT4 + "/24");
            node.addAddress("eth0", "2001:db8:0:1::1/64");
            ext.addAddress("eth0", WorldGenerator.EXT6 + "/64");
            // neighbour discovery is ICMPv6, which a deny-all endpoint drops like any other packet
            node.ip("-6", "neigh", "replace", WorldGenerator.EXT6, "lladdr", mac(ext), "dev", "eth0", "nud", "permanent");
            ext.ip("-6", "neigh", "replace", "2001:db8:0:1::1", "lladdr", mac(node), "dev", "eth0", "nud", "permanent");
            lab.listen(node, "tcp:22", "tcp:80", "tcp:8080", "tcp:9000", "udp:5353");
            lab.listen(ext, "tcp:80", "tcp:9000", "udp:53", "udp:5353");
            // the interfaces never change during a run: read once, not a process start per world
            List<HostInterface> interfaces = new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(),
                    Duration.ofSeconds(1), i -> { }).read();
            SITES.put(backend, new Site(backend, node, ext, new Reconciler(backend.create(node)), interfaces,
                    lab.prober(node), lab.prober(ext)));
        }
    }

    @AfterAll
    static void teardown() {
        if (lab != null) {
            lab.close();
        }
        for (Site s : SITES.values()) {
            s.node().close();
            s.ext().close();
        }
    }

    private static String mac(NetNs ns) {
        String json = ns.ip("-j", "link", "show", "dev", "eth0").requireSuccess().stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"address\":\"([0-9a-f:]{17})\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no MAC address in " + json);
        }
        return m.group(1);
    }

    @Test
    void simulatorAndKernelAgreeOnRandomWorlds() throws Exception {
        int worlds = Integer.getInteger("palisade.differential.worlds", 50);
        long seed = Long.getLong("palisade.differential.seed", 1);
        WorldGenerator generator = new WorldGenerator(seed);
        Map<Lab.Backend, Integer> disagreements = new EnumMap<>(Lab.Backend.class);
        for (Lab.Backend b : BACKENDS) {
            disagreements.put(b, 0);
        }
        List<String> reports = new ArrayList<>();
        long start = System.nanoTime();
        AtomicInteger rechecked = new AtomicInteger();
        for (int w = 0; w < worlds; w++) {
            Map<Lab.Backend, List<String>> found = judge(generator.next(), "world " + w + " (seed " + seed + ")", rechecked);
            found.forEach((backend, r) -> {
                disagreements.merge(backend, r.size(), Integer::sum);
                reports.addAll(r);
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reports.forEach(System.out::println);
        String load = Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
        System.out.printf("RESULT {\"benchmark\":\"differential\",\"worlds\":%d,\"packets\":%d,"
                        + "\"disagreements\":{\"nftables\":%d,\"iptables\":%d},\"seed\":%d,\"seconds\":%.1f,"
                        + "\"rechecked\":%d,\"loadavg1\":%s}%n", worlds, worlds * PROBES.size() * BACKENDS.size(),
                disagreements.get(Lab.Backend.NFTABLES), disagreements.get(Lab.Backend.IPTABLES), seed, seconds,
                rechecked.get(), load);
        assertThat(reports).as("simulate and the kernel disagree").isEmpty();
    }

    /** Minimal worlds of disagreements the random runs found, kept so that each fix stays fixed. */
    @ParameterizedTest
    @ValueSource(strings = {"profile-after-passing-tier-ipv6.yaml"})
    void regressionWorlds(String file) throws Exception {
        String yaml;
        try (var in = DifferentialTest.class.getResourceAsStream("/differential/" + file)) {
            assertThat(in).as("test resource differential/" + file).isNotNull();
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<Lab.Backend, List<String>> found = judge(yaml, file, new AtomicInteger());
        assertThat(found.values().stream().flatMap(List::stream).toList()).as("simulate and the kernel disagree").isEmpty();
    }

    /**
     * Enforces {@code yaml}'s world with each backend, sends every probe and compares each outcome with simulate's
     * verdict; per backend, a report for each disagreement (the packet, both verdicts, the world, the ruleset).
     */
    private static Map<Lab.Backend, List<String>> judge(String yaml, String label, AtomicInteger rechecked)
            throws Exception {
        List<Resource> resources = decode(yaml);
        NodeState state = calculate(resources, REVISION.incrementAndGet());
        Simulator simulator = new Simulator(World.of(resources));
        List<Verdict> expected = PROBES.stream().map(p -> simulator.simulate(p.packet())).toList();
        Map<Lab.Backend, CompletableFuture<List<String>>> observed = new EnumMap<>(Lab.Backend.class);
        for (Site site : SITES.values()) {
            observed.put(site.backend(), CompletableFuture.supplyAsync(() -> enforceAndProbe(site, state)));
        }
        Map<Lab.Backend, List<String>> reports = new EnumMap<>(Lab.Backend.class);
        for (Site site : SITES.values()) {
            List<String> real = recheckDrops(site, observed.get(site.backend()).get(), expected, rechecked);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < PROBES.size(); i++) {
                boolean open = real.get(i).equals("open");
                if (open != expected.get(i).allowed() || !real.get(i).matches("open|timeout")) {
                    found.add("DISAGREEMENT " + site.backend() + " " + label + ": " + PROBES.get(i) + ": kernel "
                            + real.get(i) + ", simulate " + expected.get(i).verdict() + " by "
                            + expected.get(i).decidedBy() + "\n" + yaml);
                }
            }
            if (!found.isEmpty()) {
                found.add("RULESET " + site.backend() + " " + label + "\n" + site.backend().listing(site.node()));
            }
            reports.put(site.backend(), found);
        }
        return reports;
    }

    private static List<String> enforceAndProbe(Site site, NodeState state) {
        SyncResult result = site.reconciler().sync(state, site.interfaces());
        if (result.error() != null) {
            throw new AssertionError(site.backend() + " refused a world: " + result.error());
        }
        site.nodeProber().flushConntrack();
        return probe(site, PROBES, TIMEOUT);
    }

    /** {@code real} with each timeout that simulate would allow probed again with {@link #RECHECK_TIMEOUT}. */
    private static List<String> recheckDrops(Site site, List<String> real, List<Verdict> expected, AtomicInteger rechecked) {
        List<Integer> doubtful = IntStream.range(0, PROBES.size())
                .filter(i -> real.get(i).equals("timeout") && expected.get(i).allowed()).boxed().toList();
        if (doubtful.isEmpty()) {
            return real;
        }
        rechecked.addAndGet(doubtful.size());
        List<String> again = probe(site, doubtful.stream().map(PROBES::get).toList(), RECHECK_TIMEOUT);
        List<String> merged = new ArrayList<>(real);
        for (int k = 0; k < doubtful.size(); k++) {
            merged.set(doubtful.get(k), again.get(k));
        }
        return merged;
    }

    /** Each probe from its side, ingress and egress at once; results in the order of {@code probes}. */
    private static List<String> probe(Site site, List<Probe> probes, double timeout) {
        List<String> ingress = probes.stream().filter(Probe::ingress).map(Probe::spec).toList();
        List<String> egress = probes.stream().filter(p -> !p.ingress()).map(Probe::spec).toList();
        CompletableFuture<List<String>> in = CompletableFuture.supplyAsync(() -> site.extProber().probe(timeout, ingress));
        List<String> out = site.nodeProber().probe(timeout, egress);
        List<String> inResults = in.join();
        List<String> results = new ArrayList<>();
        int ii = 0;
        int oi = 0;
        for (Probe p : probes) {
            results.add(p.ingress() ? inResults.get(ii++) : out.get(oi++));
        }
        return results;
    }

    static List<Resource> decode(String yaml) {
        Defaulter defaulter = new Defaulter();
        List<Resource> out = new ArrayList<>();
        for (Decoded d : new ResourceCodec().decodeAll(yaml)) {
            if (!(d instanceof Decoded.Ok ok)) {
                throw new AssertionError("cannot decode a generated world: " + d + "\n" + yaml);
            }
            out.add(defaulter.applyDefaults(ok.resource()));
        }
        return out;
    }

    /** node1's state as the calculator publishes it for these resources. */
    static NodeState calculate(List<Resource> resources, long revision) {
        List<DataplaneMessage> published = new ArrayList<>();
        CalcGraph graph = CalcGraphFactory.create((n, batch) -> published.addAll(batch), (key, problems) -> {
            throw new AssertionError("calculator rejected " + key + ": " + problems);
        });
        resources.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(revision);
        NodeStateAssembler assembler = new NodeStateAssembler(NODE);
        NodeState state = null;
        for (DataplaneMessage m : published) {
            if (assembler.accept(m).orElse(null) instanceof BatchOutcome.Complete complete) {
                state = complete.state();
            }
        }
        assertThat(state).as("a complete batch for " + NODE).isNotNull();
        return state;
    }
}
