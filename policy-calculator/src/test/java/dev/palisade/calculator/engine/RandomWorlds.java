package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.NetworkSetSpec;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.NodeSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ProfileSpec;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random datastores small enough that every selector, tier and flag combination keeps recurring. */
final class RandomWorlds {

    static final String[] LABEL_NAMES = {"role", "env", "zone"};
    static final String[] LABEL_VALUES = {"a", "b", "c"};
    static final String[] SELECTORS = {"", "all()", "role == 'a'", "role == 'b'", "has(env)", "!has(env)",
            "env in {'a', 'b'}", "role == 'a' && env != 'c'", "zone == 'a' || role == 'c'", "role != 'a'"};
    static final String[] TIERS = {"default", "t1", "t2", "ghost"};
    static final String[] PROFILES = {"p0", "p1", "projectcalico-default-allow", "nope"};
    /** The profile Calico derives from namespace "prod", which namespaced network sets there inherit from. */
    static final String NAMESPACE_PROFILE = "kns.prod";

    private final Random random;

    RandomWorlds(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    List<Resource> world(int nodes, int heps, int policies) {
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < heps; i++) {
            out.add(hep("h" + i, nodes));
        }
        for (int i = 0; i < policies; i++) {
            out.add(policy("gnp" + i));
        }
        out.add(profile("p0"));
        out.add(profile("p1"));
        out.add(networkSet("ns0"));
        out.add(networkSet("ns1"));
        out.add(tier("t1"));
        out.add(tier("t2"));
        out.add(networkSet("ns2", "prod"));
        out.add(networkSet("ns3", "dev"));
        out.add(profile(NAMESPACE_PROFILE));
        return out;
    }

    /** A fresh random version of the resource (same kind and name). */
    Resource mutate(Resource r, int nodes) {
        String name = r.metadata().name();
        return switch (r) {
            case HostEndpoint h -> hep(name, nodes);
            case GlobalNetworkPolicy p -> policy(name);
            case Profile p -> profile(name);
            case GlobalNetworkSet s -> networkSet(name);
            case NetworkSet s -> networkSet(name, s.metadata().namespace());
            case Tier t -> tier(name);
            default -> r;
        };
    }

    HostEndpoint hep(String name, int nodes) {
        String iface = switch (random.nextInt(5)) {
            case 0 -> "*";
            case 1 -> "";
            case 2 -> "eth1";
            case 3 -> random.nextBoolean() ? "eth0" : "cali1";
            default -> "eth0";
        };
        List<String> ips = new ArrayList<>();
        int n = iface.isEmpty() ? 1 + random.nextInt(2) : random.nextInt(3);
        for (int i = 0; i < n; i++) {
            ips.add(random.nextInt(5) == 0 ? "2001:db8::" + random.nextInt(16) : "198.18.0." + random.nextInt(16));
        }
        List<String> profiles = new ArrayList<>();
        for (String p : PROFILES) {
            if (random.nextInt(3) == 0) {
                profiles.add(p);
            }
        }
        List<EndpointPort> ports = new ArrayList<>();
        if (random.nextBoolean()) {
            ports.add(new EndpointPort("http", Protocol.TCP, 8000 + random.nextInt(3)));
        }
        if (random.nextInt(3) == 0) {
            ports.add(new EndpointPort("http", Protocol.UDP, 8000 + random.nextInt(3)));
        }
        return new HostEndpoint(meta(name, labels()),
                new HostEndpointSpec("n" + random.nextInt(nodes), iface, ips, profiles, ports));
    }

    GlobalNetworkPolicy policy(String name) {
        boolean doNotTrack = random.nextInt(6) == 0;
        boolean preDnat = !doNotTrack && random.nextInt(6) == 0;
        boolean forward = doNotTrack || preDnat || random.nextInt(3) == 0;
        List<PolicyType> types = switch (random.nextInt(4)) {
            case 0 -> List.of(PolicyType.Ingress);
            case 1 -> preDnat ? List.of(PolicyType.Ingress) : List.of(PolicyType.Egress);
            case 2 -> preDnat ? List.of(PolicyType.Ingress) : List.of(PolicyType.Ingress, PolicyType.Egress);
            default -> List.of();
        };
        List<Rule> egress = preDnat ? List.of() : rules();
        Double order = random.nextInt(4) == 0 ? null : (double) random.nextInt(5);
        String tier = pick(TIERS);
        return new GlobalNetworkPolicy(meta(name, Map.of()), new GlobalNetworkPolicySpec(
                tier, order, pick(SELECTORS), types, rules(), egress, preDnat, doNotTrack, forward,
                random.nextInt(15) == 0 ? "all()" : null, random.nextInt(15) == 0 ? "has(x)" : null, null));
    }

    /** Profiles apply plain labels; a namespace's profile, the {@code pcns.}-prefixed ones Calico gives it. */
    Profile profile(String name) {
        Map<String, String> labels = labels();
        if (name.equals(NAMESPACE_PROFILE)) {
            Map<String, String> prefixed = new HashMap<>();
            labels.forEach((k, v) -> prefixed.put("pcns." + k, v));
            labels = prefixed;
        }
        return new Profile(meta(name, Map.of()), new ProfileSpec(rules(), rules(), labels));
    }

    GlobalNetworkSet networkSet(String name) {
        List<String> nets = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            nets.add(random.nextBoolean() ? "198.19." + random.nextInt(4) + ".0/24" : "198.18.0." + random.nextInt(16));
        }
        return new GlobalNetworkSet(meta(name, labels()), new NetworkSetSpec(nets));
    }

    NetworkSet networkSet(String name, String namespace) {
        List<String> nets = List.of("198.19.4." + 64 * random.nextInt(4) + "/26", "198.18.0." + random.nextInt(16));
        return new NetworkSet(new ObjectMeta(name, namespace, labels(), null, null, null, null), new NetworkSetSpec(nets));
    }

    /** A node with two host interfaces whose addresses overlap the endpoints' expected IPs now and then. */
    Node node(String name) {
        List<NodeSpec.NodeInterface> interfaces = List.of(
                new NodeSpec.NodeInterface("eth0", List.of("198.18.0." + random.nextInt(16) + "/24")),
                new NodeSpec.NodeInterface("eth1", List.of("198.18.0." + random.nextInt(16), "2001:db8::" + random.nextInt(16))));
        return new Node(meta(name, Map.of()), new NodeSpec(null, null, null, null, null, interfaces));
    }

    /** {@code default} or {@code node.<name>}: failsafes (absent, none, or a few with nets), conntrack, exclusions. */
    FelixConfiguration felix(String name) {
        List<ProtoPort> in = failsafes();
        List<ProtoPort> out = failsafes();
        String endpointToHost = random.nextBoolean() ? null : pick(new String[] {"Drop", "Accept", "Return"});
        Boolean noInvalidCheck = random.nextBoolean() ? null : random.nextBoolean();
        String exclude = switch (random.nextInt(6)) {
            case 0 -> "eth1";
            case 1 -> "/^eth[19]$/,kube-ipvs0";
            default -> null;
        };
        String prefix = random.nextInt(5) == 0 ? "cali,eth9" : null;
        return new FelixConfiguration(meta(name, Map.of()), new FelixConfigurationSpec(in, out, endpointToHost,
                null, null, null, null, null, null, null, null, null, null, null, noInvalidCheck, null, null, null,
                null, null, null, null, null, null, prefix, exclude, null));
    }

    private List<ProtoPort> failsafes() {
        return switch (random.nextInt(4)) {
            case 0 -> List.of();
            case 1 -> List.of(new ProtoPort("TCP", 22, null), new ProtoPort("UDP", 53, "198.18.0.0/28"),
                    new ProtoPort("TCP", 8000, random.nextBoolean() ? null : "198.18.0." + random.nextInt(16) + "/32"));
            default -> null;
        };
    }

    Tier tier(String name) {
        return new Tier(meta(name, Map.of()), new TierSpec(random.nextInt(5) == 0 ? null : (double) (10 + random.nextInt(3)),
                random.nextBoolean() ? TierSpec.TierAction.Pass : TierSpec.TierAction.Deny));
    }

    List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            Action action = Action.values()[random.nextInt(Action.values().length)];
            Protocol protocol = switch (random.nextInt(5)) {
                case 0, 1 -> Protocol.TCP;
                case 2 -> Protocol.UDP;
                case 3 -> random.nextBoolean() ? Protocol.of("ICMP") : random.nextBoolean() ? Protocol.of("ICMPv6") : null;
                default -> null;
            };
            Protocol notProtocol = protocol == null && random.nextInt(5) == 0 ? Protocol.UDP : null;
            // One family per rule: Calico rejects a rule mixing IPv4 and IPv6 CIDRs, or nets against ipVersion.
            boolean icmpRule = protocol != null && protocol.equals(Protocol.of("ICMP"));
            boolean icmp6Rule = protocol != null && protocol.equals(Protocol.of("ICMPv6"));
            int family = icmp6Rule || !icmpRule && random.nextInt(4) == 0 ? 6 : 4;
            Integer ipVersion = random.nextInt(6) == 0 ? family : null;
            IcmpFields icmp = null;
            IcmpFields notIcmp = null;
            if (icmpRule || icmp6Rule) {
                if (random.nextBoolean()) {
                    icmp = random.nextInt(5) == 0 ? new IcmpFields(null, null)
                            : new IcmpFields(icmp6Rule ? 128 : 8, random.nextBoolean() ? 0 : null);
                } else if (random.nextBoolean()) {
                    notIcmp = new IcmpFields(random.nextBoolean() ? 8 : 0, null);
                }
            }
            rules.add(new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, entity(protocol, family),
                    entity(protocol, family), null, null));
        }
        return rules;
    }

    private EntityRule entity(Protocol protocol, int family) {
        if (random.nextBoolean()) {
            return null;
        }
        List<String> nets = random.nextInt(3) != 0 ? null : family == 6 ? List.of("2001:db8::/125")
                : random.nextBoolean() ? List.of("198.18.0." + 8 * random.nextInt(2) + "/29")
                : List.of("198.18.0.8/29", "198.19.0.0/16");
        List<String> notNets = random.nextInt(5) != 0 ? null
                : List.of(family == 6 ? "2001:db8::" + random.nextInt(16) : "198.18.0." + random.nextInt(16));
        String selector = random.nextInt(3) == 0 ? pick(SELECTORS) : null;
        String notSelector = random.nextInt(5) == 0 ? pick(SELECTORS) : null;
        String namespaceSelector = switch (random.nextInt(12)) {
            case 0, 1 -> "global()";
            case 2 -> "all()";
            case 3 -> "role == 'a'";
            default -> null;
        };
        EntityRule.ServiceAccountMatch serviceAccounts = random.nextInt(12) == 0
                ? new EntityRule.ServiceAccountMatch(List.of("sa"), null) : null;
        List<Port> ports = null;
        List<Port> notPorts = null;
        boolean carriesPorts = protocol == Protocol.TCP || protocol == Protocol.UDP;
        if (carriesPorts && random.nextBoolean()) {
            ports = random.nextBoolean() ? List.of(Port.named("http")) : List.of(Port.range(8000, 8001), Port.single(22));
        }
        if (carriesPorts && random.nextInt(4) == 0) {
            notPorts = List.of(random.nextBoolean() ? Port.named("http") : Port.single(8002));
        }
        return new EntityRule(nets, notNets, selector, notSelector, namespaceSelector, serviceAccounts, null, ports,
                notPorts);
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        for (String name : LABEL_NAMES) {
            if (random.nextInt(3) != 0) {
                labels.put(name, pick(LABEL_VALUES));
            }
        }
        return labels;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static ObjectMeta meta(String name, Map<String, String> labels) {
        return new ObjectMeta(name, null, labels, null, null, null, null);
    }
}
