package dev.palisade.model.semantics;

import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link World#with} shares what a write cannot change with the world it derives from: for every kind of
 * write the simulator reads, the derived world must judge every packet as a world built from scratch does,
 * also when the original's remembered answers (selections, labels, settings, peers) were filled first.
 */
class WorldWithTest {

    private static final String WORLD = Sim.NODE_N1 + """
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n2}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.2.1/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1], profiles: [base]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n2-eth0, labels: {role: db}}
            spec: {node: n2, expectedIPs: [198.18.2.1], ports: [{name: admin, protocol: TCP, port: 2222}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: base}
            spec: {labelsToApply: {zone: a}}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: platform}
            spec: {order: 100, defaultAction: Pass}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: admins, labels: {admin: "true"}}
            spec: {nets: [198.19.15.0/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: platform.web}
            spec:
              tier: platform
              selector: role == 'web' && zone == 'a'
              ingress: [{action: Allow, protocol: TCP, source: {selector: admin == 'true'}, destination: {ports: [22, 2222]}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec:
              selector: role == 'db' && zone != 'b'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [admin]}}, {action: Deny}]
            """;

    /** One write per kind the simulator reads, each changing verdicts somewhere. */
    private static final List<String> WRITES = List.of("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: role == 'db', ingress: [{action: Deny}]}
            """, """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n2-eth0, labels: {role: web}}
            spec: {node: n2, interfaceName: eth0, expectedIPs: [198.18.2.1], profiles: [base]}
            """, """
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: base}
            spec: {labelsToApply: {zone: b}}
            """, """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: platform}
            spec: {order: 100, defaultAction: Deny}
            """, """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: admins, labels: {admin: "false"}}
            spec: {nets: [198.19.15.0/24]}
            """, """
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: default}
            spec: {failsafeInboundHostPorts: []}
            """, """
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: node.n1}
            spec: {failsafeInboundHostPorts: [{protocol: TCP, port: 2222}]}
            """, """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n2}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.2.9/24]}
            """);

    private static final List<String> PACKETS = List.of(
            "node=n1,in=eth0,out=local,src=198.19.15.254,dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort=2222",
            "node=n1,in=eth0,out=local,src=198.19.15.254,dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort=22",
            "node=n1,in=eth0,out=local,src=198.18.2.1,dst=198.18.0.1,proto=TCP,srcPort=40000,dstPort=8080",
            "node=n2,in=eth0,out=local,src=198.19.15.254,dst=198.18.2.1,proto=TCP,srcPort=40000,dstPort=2222",
            "node=n2,in=eth0,out=local,src=198.19.15.254,dst=198.18.2.1,proto=TCP,srcPort=40000,dstPort=22",
            "node=n2,in=local,out=eth0,src=198.18.2.1,dst=198.19.15.254,proto=TCP,srcPort=40000,dstPort=443");

    @Test
    void aDerivedWorldJudgesAsAWorldBuiltAfterTheWrite() {
        List<Resource> before = Sim.decode(WORLD);
        for (String text : WRITES) {
            Resource written = Sim.decode(text).getFirst();
            for (boolean delete : List.of(false, true)) {
                List<Resource> after = new ArrayList<>(before.stream().filter(r -> !r.key().equals(written.key())).toList());
                if (!delete) {
                    after.add(written);
                }
                World original = World.of(before);
                verdicts(original);
                World derived = original.with(written.key(), delete ? null : written);
                assertThat(verdicts(derived)).as("%s %s", delete ? "delete" : "write", written.key())
                        .isEqualTo(verdicts(World.of(after)));
            }
        }
    }

    @Test
    void someWriteChangesAVerdictSoTheComparisonMeansSomething() {
        List<Resource> before = Sim.decode(WORLD);
        World original = World.of(before);
        List<String> unchanged = verdicts(original);
        List<String> changingNothing = WRITES.stream().map(t -> Sim.decode(t).getFirst())
                .filter(w -> verdicts(original.with(w.key(), w)).equals(unchanged)).map(w -> w.key().toString()).toList();
        assertThat(changingNothing).as(unchanged.toString()).isEmpty();
    }

    private static List<String> verdicts(World world) {
        Simulator simulator = new Simulator(world);
        return PACKETS.stream().map(p -> {
            try {
                Verdict v = simulator.simulate(PacketFields.parse(p));
                return v.verdict().id() + " " + v.decidedBy().stage().id() + " " + v.decidedBy().decision().describe();
            } catch (InvalidPacketException e) {
                return "unknown node";
            }
        }).toList();
    }
}
