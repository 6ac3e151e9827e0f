package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.DataplaneEvaluator;
import dev.palisade.model.semantics.Decision;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.Simulator;
import dev.palisade.model.semantics.Verdict;
import dev.palisade.model.semantics.World;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.model.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test: for seeded random worlds and random packets, the verdict a driver would reach
 * from what the calculator published for the packet's node (read by {@link DataplaneEvaluator}, which also
 * decides interface governance from the node's interfaces) equals the reference {@link Simulator}'s on the
 * same resources. Both sides get the resources as {@code palisade simulate} and the ingest service do:
 * defaulted, and only those that pass validation. A failure names the seed; replay one with
 * {@code -Dpalisade.diff.seed=<seed>}.
 */
class CalculatorMatchesSimulatorTest {

    private static final int WORLDS = 600;
    private static final int PACKETS = 60;
    private static final int NODES = 3;
    private static final String[] INTERFACES = {"eth0", "eth1", "cali1", "kube-ipvs0", "lo", "eth9"};
    private static final int[] PORTS = {22, 53, 68, 179, 8000, 8001, 8002, 40000};

    @Test
    void publishedStateDecidesEveryPacketLikeTheSimulator() {
        String only = System.getProperty("palisade.diff.seed");
        long first = only == null ? 1 : Long.parseLong(only);
        long last = only == null ? WORLDS : first;
        List<String> failures = new ArrayList<>();
        int packets = 0;
        int denied = 0;
        int byRules = 0;
        for (long seed = first; seed <= last && failures.size() < 10; seed++) {
            Outcome o = checkWorld(seed, failures);
            packets += o.packets;
            denied += o.denied;
            byRules += o.byRules;
        }
        assertThat(failures).as("disagreements (seed, packet, calculator vs simulator)").isEmpty();
        assertThat(packets).as("packets compared").isGreaterThanOrEqualTo((int) (last - first + 1) * PACKETS / 2);
        assertThat(denied).as("denied packets: both outcomes occur").isBetween(packets / 10, packets * 9 / 10);
        assertThat(byRules).as("packets decided by a policy or profile rule or an end of tier")
                .isGreaterThan(packets / 5);
    }

    private record Outcome(int packets, int denied, int byRules) {
    }

    private static Outcome checkWorld(long seed, List<String> failures) {
        RandomWorlds worlds = new RandomWorlds(seed);
        Random random = worlds.random();
        List<Resource> generated = new ArrayList<>(worlds.world(NODES, 10, 10));
        for (int n = 0; n < NODES; n++) {
            generated.add(worlds.node("n" + n));
        }
        generated.add(worlds.felix("default"));
        if (random.nextBoolean()) {
            generated.add(worlds.felix("node.n" + random.nextInt(NODES)));
        }
        List<Resource> resources = admitted(generated);

        CalcGraph graph = CalcGraphFactory.create(new RecordingDataplane());
        resources.forEach(r -> graph.onUpdate(Update.of(r)));
        graph.flush(1);
        World world = World.of(resources);
        Simulator simulator = new Simulator(world);

        Map<String, DataplaneEvaluator> evaluators = new HashMap<>();
        int denied = 0;
        int byRules = 0;
        for (int i = 0; i < PACKETS; i++) {
            Packet p = packet(random);
            DataplaneEvaluator evaluator = evaluators.computeIfAbsent(p.node(), node ->
                    new DataplaneEvaluator(graph.published(node).values(), interfaces(resources, world, node)));
            Verdict expected = simulator.simulate(p);
            Verdict.Outcome actual = evaluator.evaluate(p);
            if (actual != expected.verdict()) {
                failures.add("seed " + seed + ": " + p + "\n  calculator " + actual + ", simulator " + expected.verdict()
                        + "\n  simulator trace " + expected.trace() + "\n  published " + published(graph, p.node()));
            }
            denied += expected.verdict() == Verdict.Outcome.DENY ? 1 : 0;
            byRules += expected.decidedBy().decision() instanceof Decision.PolicyRule
                    || expected.decidedBy().decision() instanceof Decision.ProfileRule
                    || expected.decidedBy().decision() instanceof Decision.EndOfTier ? 1 : 0;
        }
        return new Outcome(PACKETS, denied, byRules);
    }

    /** What the ingest service would store: defaulted, and only if valid (the engine withdraws invalid ones). */
    private static List<Resource> admitted(List<Resource> generated) {
        Defaulter defaulter = new Defaulter();
        Validator validator = new Validator();
        List<Resource> out = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Resource r : generated) {
            Resource d = defaulter.applyDefaults(r);
            var errors = validator.validate(d);
            if (errors.isEmpty()) {
                out.add(d);
            } else {
                rejected.add(r.key() + ": " + errors);
            }
        }
        assertThat(out.size()).as("generated resources that are valid; rejected: %s", rejected)
                .isGreaterThan(generated.size() * 3 / 4);
        return out;
    }

    /** The node's interfaces as its driver would see them: the Node resource's, each with its addresses. */
    private static Map<String, List<IpAddress>> interfaces(List<Resource> resources, World world, String node) {
        Map<String, List<IpAddress>> out = new HashMap<>();
        for (Resource r : resources) {
            if (r instanceof Node n && n.metadata().name().equals(node)) {
                for (NodeSpec.NodeInterface i : n.spec().interfaces()) {
                    out.put(i.name(), world.interfaceAddresses(node, i.name()));
                }
            }
        }
        return out;
    }

    private static Map<?, DataplaneEntry> published(CalcGraph graph, String node) {
        return graph.published(node);
    }

    private static Packet packet(Random random) {
        String node = "n" + random.nextInt(NODES);
        String in;
        String out;
        switch (random.nextInt(3)) {
            case 0 -> {
                in = Packet.LOCAL;
                out = pick(random, INTERFACES);
            }
            case 1 -> {
                in = pick(random, INTERFACES);
                out = Packet.LOCAL;
            }
            default -> {
                in = pick(random, INTERFACES);
                out = pick(random, INTERFACES);
            }
        }
        boolean v6 = random.nextInt(6) == 0;
        IpAddress src = address(random, v6);
        IpAddress dst = address(random, v6);
        int protocol = switch (random.nextInt(6)) {
            case 0, 1, 2 -> 6;
            case 3, 4 -> 17;
            default -> v6 ? 58 : 1;
        };
        boolean ports = protocol == 6 || protocol == 17;
        Integer srcPort = ports ? PORTS[random.nextInt(PORTS.length)] : null;
        Integer dstPort = ports ? PORTS[random.nextInt(PORTS.length)] : null;
        Integer icmpType = ports ? null : random.nextBoolean() ? (v6 ? 128 : 8) : 0;
        Integer icmpCode = ports ? null : 0;
        Packet.ConnState ct = switch (random.nextInt(8)) {
            case 0 -> Packet.ConnState.ESTABLISHED;
            case 1 -> Packet.ConnState.INVALID;
            default -> Packet.ConnState.NEW;
        };
        Packet.Destination dnat = !Packet.LOCAL.equals(in) && random.nextInt(6) == 0
                ? new Packet.Destination(address(random, v6), ports ? 8001 : null) : null;
        return new Packet(node, in, out, src, dst, protocol, srcPort, dstPort, icmpType, icmpCode, ct, dnat);
    }

    private static IpAddress address(Random random, boolean v6) {
        String text = v6 ? "2001:db8::" + random.nextInt(16)
                : random.nextInt(4) == 0 ? "198.19." + random.nextInt(5) + "." + random.nextInt(4)
                : "198.18.0." + random.nextInt(18);
        return IpAddress.parse(text).orElseThrow();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
