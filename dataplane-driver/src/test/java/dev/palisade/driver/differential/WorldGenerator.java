package dev.palisade.driver.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random worlds for the differential: node1 with a host endpoint on eth0 (its address, so nets and sets match
 * it) with two named ports, sometimes with a profile of random rules, a {@code security} tier (random order, Deny or Pass as its
 * default action) holding some of the policies, global network policies with random orders, actions (Allow, Deny, Pass, Log),
 * protocols, ports, named ports and port ranges, nets and negated nets, global network sets, ingress and egress. The same
 * seed always gives the same worlds, as YAML a reader can apply with {@code palisade simulate}.
 */
final class WorldGenerator {

    static final String EXT4 = "198.18.0.2";
    static final String EXT6 = "2001:db8:0:1::2";
    static final List<String> NETS = List.of(EXT4 + "/32", "198.18.0.0/24", "198.18.7.0/24", EXT6 + "/128",
            "2001:db8:0:1::/64", "2001:db8:0:9::/64", "0.0.0.0/0");
    static final List<Integer> PORTS = List.of(22, 53, 80, 5353, 8080, 9000);

    private final Random random;

    WorldGenerator(long seed) {
        this.random = new Random(seed);
    }

    String next() {
        StringBuilder y = new StringBuilder("""
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata:
                  name: default
                spec:
                  failsafeInboundHostPorts:
                    - protocol: TCP
                      port: 22
                  failsafeOutboundHostPorts:
                    - protocol: UDP
                      port: 53
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: node1-eth0
                  labels:
                    role: edge
                spec:
                  node: node1
                  interfaceName: eth0
                  expectedIPs: [198.18.0.1, "2001:db8:0:1::1"]
                  ports:
                    - {name: web, port: 8080, protocol: TCP}
                    - {name: mdns, port: 5353, protocol: UDP}
                """);
        boolean profiled = random.nextInt(3) == 0;
        if (profiled) {
            y.append("  profiles: [edge]\n---\napiVersion: projectcalico.org/v3\nkind: Profile\nmetadata:\n  name: edge\n"
                    + "spec:\n  ingress:\n");
            rules(y, true);
            y.append("  egress:\n");
            rules(y, false);
        }
        boolean tiered = random.nextBoolean();
        if (tiered) {
            y.append("---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security\nspec:\n  order: ")
                    .append(100 * (1 + random.nextInt(20))).append("\n  defaultAction: ")
                    .append(random.nextBoolean() ? "Deny" : "Pass").append('\n');
        }
        y.append("---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: peers\n  labels:\n"
                + "    peers: \"yes\"\nspec:\n  nets: [").append(pick(NETS)).append(", ").append(pick(NETS)).append("]\n");
        int policies = 1 + random.nextInt(3);
        for (int i = 0; i < policies; i++) {
            y.append(policy(i, tiered && random.nextBoolean() ? "security" : null));
        }
        return y.toString();
    }

    /** A GNP in {@code tier} (null = the default tier). */
    private String policy(int i, String tier) {
        boolean ingress = random.nextInt(4) != 0;
        boolean egress = random.nextInt(3) == 0;
        if (!ingress && !egress) {
            ingress = true;
        }
        StringBuilder y = new StringBuilder("---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\n"
                + "metadata:\n  name: p" + i + "\nspec:\n" + (tier == null ? "" : "  tier: " + tier + "\n") + "  order: " + (1 + random.nextInt(50)) + "\n  selector: "
                + (random.nextBoolean() ? "role == 'edge'" : "all()") + "\n  types: [");
        List<String> types = new ArrayList<>();
        if (ingress) {
            types.add("Ingress");
        }
        if (egress) {
            types.add("Egress");
        }
        y.append(String.join(", ", types)).append("]\n");
        if (ingress) {
            y.append("  ingress:\n");
            rules(y, true);
        }
        if (egress) {
            y.append("  egress:\n");
            rules(y, false);
        }
        return y.toString();
    }

    private void rules(StringBuilder y, boolean ingress) {
        int n = 1 + random.nextInt(3);
        for (int r = 0; r < n; r++) {
            String action = pick(List.of("Allow", "Allow", "Deny", "Pass", "Log"));
            y.append("    - action: ").append(action).append('\n');
            String proto = pick(List.of("TCP", "UDP", "none"));
            if (!proto.equals("none")) {
                y.append("      protocol: ").append(proto).append('\n');
            }
            String peer = ingress ? "source" : "destination";
            String local = ingress ? "destination" : "source";
            List<String> peerLines = new ArrayList<>();
            switch (random.nextInt(5)) {
                case 0 -> peerLines.add("nets: [" + pick(NETS) + "]");
                case 1 -> peerLines.add("notNets: [" + pick(NETS.subList(0, NETS.size() - 1)) + "]"); // a negated /0 is refused
                case 2 -> peerLines.add("selector: peers == 'yes'");
                case 3 -> peerLines.add("notSelector: peers == 'yes'");
                default -> { }
            }
            List<String> portLines = new ArrayList<>();
            if (!proto.equals("none") && random.nextBoolean()) {
                portLines.add((random.nextInt(4) == 0 ? "notPorts: [" : "ports: [") + ports() + "]");
            }
            // ports go with the host's side for ingress (destination), the peer's for egress (destination too)
            if (ingress) {
                section(y, peer, peerLines);
                section(y, local, portLines);
            } else {
                peerLines.addAll(portLines);
                section(y, peer, peerLines);
            }
        }
    }

    private String ports() {
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(8);
            if (kind == 0) {
                out.add(pick(List.of("web", "mdns"))); // the HEP's named ports; no peer has any
            } else if (kind < 3) {
                int lo = pick(PORTS);
                out.add("\"" + lo + ":" + (lo + random.nextInt(100)) + "\"");
            } else {
                out.add(Integer.toString(pick(PORTS)));
            }
        }
        return String.join(", ", out);
    }

    private static void section(StringBuilder y, String name, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        y.append("      ").append(name).append(":\n");
        lines.forEach(l -> y.append("        ").append(l).append('\n'));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
