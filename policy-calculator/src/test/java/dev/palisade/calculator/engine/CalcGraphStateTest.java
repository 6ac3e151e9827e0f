package dev.palisade.calculator.engine;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static dev.palisade.calculator.engine.Resources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven state tests (STYLE §6): each base list of {@link EngineState}s is expanded (reversed, KV order
 * reversed, empties inserted, split, squashed) and run under four flush strategies; every checked state must
 * match its expectations, match a cold start on the same datastore, and never break the protocol.
 */
class CalcGraphStateTest {

    enum FlushStrategy { PER_UPDATE, PER_STATE, DUPLICATE_UPDATES, AT_END }

    private record Expansion(String name, UnaryOperator<List<EngineState>> states, boolean reverseUpdates) {
    }

    static final String CONFIG = "config in=9 out=9";

    // ---- base state lists ----

    static List<EngineState> ipSetsAndLabels() {
        String heps = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1, labels: {role: db}}
                spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: app-to-db}
                spec:
                  selector: role == 'db'
                  ingress:
                  - {action: Allow, protocol: TCP, source: {selector: role == 'app'}, destination: {ports: [5432]}}
                """;
        String h2app = """
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h2, labels: {role: app}}
                spec: {node: n2, interfaceName: eth0, expectedIPs: [198.18.0.2]}
                """;
        String h2db = h2app.replace("role: app", "role: db");
        String gns = """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: apps, labels: {role: app}}
                spec: {nets: [198.19.0.0/16]}
                """;
        return List.of(
                new EngineState("db and app", yaml(heps + h2app), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 in=default[gnp/app-to-db]", "ipset role == \"app\" [198.18.0.2/32]",
                                "policy gnp/app-to-db"),
                        "n2", List.of(CONFIG, "endpoint h2"))),
                new EngineState("app relabelled db", yaml(heps + h2db), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 in=default[gnp/app-to-db]", "ipset role == \"app\" []",
                                "policy gnp/app-to-db"),
                        "n2", List.of(CONFIG, "endpoint h2 in=default[gnp/app-to-db]", "ipset role == \"app\" []",
                                "policy gnp/app-to-db"))),
                new EngineState("network set joins", yaml(heps + h2db + gns), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 in=default[gnp/app-to-db]",
                                "ipset role == \"app\" [198.19.0.0/16]", "policy gnp/app-to-db"),
                        "n2", List.of(CONFIG, "endpoint h2 in=default[gnp/app-to-db]",
                                "ipset role == \"app\" [198.19.0.0/16]", "policy gnp/app-to-db"))));
    }

    static List<EngineState> profileInheritance() {
        String base = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: prod}
                spec:
                  selector: env == 'prod'
                  egress: [{action: Deny}]
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1}
                spec: {node: n1, interfaceName: eth0, profiles: [p1]}
                """;
        String profile = """
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: p1}
                spec: {labelsToApply: {env: prod}, ingress: [{action: Allow}]}
                """;
        String ownLabel = base.replace("metadata: {name: h1}", "metadata: {name: h1, labels: {env: prod}}")
                + profile.replace("env: prod", "env: dev");
        return List.of(
                new EngineState("profile labels apply", yaml(base + profile), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 out=default[gnp/prod] profiles=[p1]", "policy gnp/prod",
                                "profile p1"))),
                new EngineState("profile gone", yaml(base), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 profiles=[p1]", "profile p1 missing"))),
                new EngineState("own label wins", yaml(ownLabel), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1 out=default[gnp/prod] profiles=[p1]", "policy gnp/prod",
                                "profile p1"))));
    }

    static List<EngineState> tiersAndClassification() {
        String policies = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: a}
                spec: {tier: t1, order: 2, ingress: [{action: Pass}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: b}
                spec: {tier: t1, order: 1, ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: c}
                spec: {ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: d}
                spec: {tier: ghost, order: 1, ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: pre}
                spec: {preDNAT: true, applyOnForward: true, types: [Ingress], ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: raw}
                spec: {doNotTrack: true, applyOnForward: true, ingress: [{action: Allow}], egress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: fw}
                spec: {applyOnForward: true, egress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: wild}
                spec: {node: n1, interfaceName: "*"}
                """;
        String tier = """
                ---
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: t1}
                spec: {order: 10, defaultAction: Pass}
                """;
        String common = " prein=default(pass)[gnp/pre]";
        String tail = " out=default[gnp/fw] fwdout=default[gnp/fw]";
        List<String> shared = List.of(CONFIG, "policy gnp/a", "policy gnp/b", "policy gnp/c", "policy gnp/d",
                "policy gnp/fw", "policy gnp/pre", "policy gnp/raw");
        String raw = " rawin=default(pass)[gnp/raw] rawout=default(pass)[gnp/raw]";
        return List.of(
                new EngineState("tier t1 passes", yaml(policies + tier), Map.of("n1", concat(shared,
                        "endpoint h1" + raw + common + " in=t1(pass)[gnp/b, gnp/a]default[gnp/c]ghost[gnp/d]" + tail,
                        "endpoint wild" + common + " in=t1(pass)[gnp/b, gnp/a]default[gnp/c]ghost[gnp/d]" + tail))),
                new EngineState("tier t1 missing", yaml(policies), Map.of("n1", concat(shared,
                        "endpoint h1" + raw + common + " in=default[gnp/c]ghost[gnp/d]t1[gnp/b, gnp/a]" + tail,
                        "endpoint wild" + common + " in=default[gnp/c]ghost[gnp/d]t1[gnp/b, gnp/a]" + tail))));
    }

    static List<EngineState> namedPortsAndConfig() {
        String base = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1, labels: {role: web}}
                spec:
                  node: n1
                  interfaceName: eth0
                  expectedIPs: [198.18.0.1]
                  ports: [{name: http, protocol: TCP, port: 8080}, {name: http, protocol: UDP, port: 8081}]
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h2, labels: {role: client}}
                spec: {node: n2, interfaceName: eth0}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: web-access}
                spec:
                  selector: role == 'client'
                  egress: [{action: Allow, protocol: TCP, destination: {selector: role == 'web', ports: [http]}}]
                """;
        String config = """
                ---
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {failsafeInboundHostPorts: []}
                ---
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: node.n1}
                spec: {failsafeOutboundHostPorts: [{protocol: TCP, port: 22}]}
                """;
        String portset = "portset role == \"web\" http/6 [198.18.0.1:6:8080]";
        String ipset = "ipset role == \"web\" [198.18.0.1/32]";
        return List.of(
                new EngineState("named port", yaml(base), Map.of(
                        "n1", List.of(CONFIG, "endpoint h1"),
                        "n2", List.of(CONFIG, "endpoint h2 out=default[gnp/web-access]", "policy gnp/web-access", portset, ipset))),
                new EngineState("failsafe config", yaml(base + config), Map.of(
                        "n1", List.of("config in=0 out=1", "endpoint h1"),
                        "n2", List.of("config in=0 out=9", "endpoint h2 out=default[gnp/web-access]",
                                "policy gnp/web-access", portset, ipset))));
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    // ---- expansion and running ----

    @TestFactory
    List<DynamicNode> stateSequences() {
        Map<String, List<EngineState>> bases = new TreeMap<>(Map.of(
                "ip sets and labels", ipSetsAndLabels(),
                "profile inheritance", profileInheritance(),
                "tiers and classification", tiersAndClassification(),
                "named ports and config", namedPortsAndConfig()));
        List<Expansion> expansions = List.of(
                new Expansion("forward", s -> s, false),
                new Expansion("reversed", CalcGraphStateTest::reversed, false),
                new Expansion("updates reversed", s -> s, true),
                new Expansion("empties inserted", CalcGraphStateTest::withEmpties, false),
                new Expansion("split", CalcGraphStateTest::split, false),
                new Expansion("squashed", s -> List.of(s.getLast()), false));
        List<DynamicNode> out = new ArrayList<>();
        bases.forEach((name, states) -> {
            List<DynamicNode> perBase = new ArrayList<>();
            for (Expansion x : expansions) {
                for (FlushStrategy f : FlushStrategy.values()) {
                    List<EngineState> seq = new ArrayList<>(x.states().apply(states));
                    seq.add(EngineState.EMPTY);
                    perBase.add(DynamicTest.dynamicTest(x.name() + ", " + f,
                            () -> run(seq, f, x.reverseUpdates())));
                }
            }
            out.add(DynamicContainer.dynamicContainer(name, perBase));
        });
        return out;
    }

    /** Build-up in one order, teardown through the states in the opposite order. */
    private static List<EngineState> reversed(List<EngineState> s) {
        List<EngineState> r = new ArrayList<>(s);
        Collections.reverse(r);
        return r;
    }

    private static List<EngineState> withEmpties(List<EngineState> s) {
        List<EngineState> r = new ArrayList<>();
        for (EngineState e : s) {
            r.add(e);
            r.add(EngineState.EMPTY);
        }
        return r;
    }

    /** Each state on its own, from and back to empty. */
    private static List<EngineState> split(List<EngineState> s) {
        return withEmpties(s);
    }

    static void run(List<EngineState> states, FlushStrategy strategy, boolean reverseUpdates) {
        RecordingDataplane dp = new RecordingDataplane();
        CalcGraph graph = CalcGraphFactory.create(dp);
        EngineState previous = EngineState.EMPTY;
        long revision = 0;
        for (int i = 0; i < states.size(); i++) {
            EngineState state = states.get(i);
            List<Update> updates = new ArrayList<>(state.deltasFrom(previous));
            if (reverseUpdates) {
                Collections.reverse(updates);
            }
            for (Update u : updates) {
                graph.onUpdate(u);
                if (strategy == FlushStrategy.DUPLICATE_UPDATES) {
                    graph.onUpdate(u);
                }
                if (strategy == FlushStrategy.PER_UPDATE) {
                    graph.flush(++revision);
                }
            }
            boolean last = i == states.size() - 1;
            if (strategy != FlushStrategy.AT_END || last) {
                graph.flush(++revision);
                check(state, dp);
            }
            previous = state;
        }
    }

    static void check(EngineState state, RecordingDataplane dp) {
        Map<String, List<String>> actual = new TreeMap<>();
        dp.all().forEach((node, entries) -> actual.put(node, NodeSummary.of(entries)));
        Map<String, List<String>> expected = new TreeMap<>();
        state.nodes().forEach((node, lines) -> expected.put(node, lines.stream().sorted().toList()));
        assertThat(actual).as("state '%s'", state.name()).isEqualTo(expected);

        RecordingDataplane cold = new RecordingDataplane();
        CalcGraph fresh = CalcGraphFactory.create(cold);
        state.resources().forEach(r -> fresh.onUpdate(Update.of(r)));
        fresh.flush(1);
        assertThat(dp.all()).as("incremental equals cold start in '%s'", state.name()).isEqualTo(cold.all());
    }
}
