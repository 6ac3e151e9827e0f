package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.GlobalNetworkSetSpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
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
            case Tier t -> tier(name);
            default -> r;
        };
    }

    HostEndpoint hep(String name, int nodes) {
        String iface = switch (random.nextInt(4)) {
            case 0 -> "*";
            case 1 -> "";
            case 2 -> "eth1";
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
                null, null, null));
    }

    Profile profile(String name) {
        return new Profile(meta(name, Map.of()), new ProfileSpec(rules(), rules(), labels()));
    }

    GlobalNetworkSet networkSet(String name) {
        List<String> nets = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            nets.add(random.nextBoolean() ? "198.19." + random.nextInt(4) + ".0/24" : "198.18.0." + random.nextInt(16));
        }
        return new GlobalNetworkSet(meta(name, labels()), new GlobalNetworkSetSpec(nets));
    }

    Tier tier(String name) {
        return new Tier(meta(name, Map.of()), new TierSpec((double) (10 + random.nextInt(3)),
                random.nextBoolean() ? TierSpec.TierAction.Pass : TierSpec.TierAction.Deny));
    }

    List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            Action action = Action.values()[random.nextInt(Action.values().length)];
            Protocol protocol = switch (random.nextInt(3)) {
                case 0 -> Protocol.TCP;
                case 1 -> Protocol.UDP;
                default -> null;
            };
            rules.add(new Rule(action, null, protocol, null, null, null, entity(protocol), entity(protocol), null, null));
        }
        return rules;
    }

    private EntityRule entity(Protocol protocol) {
        if (random.nextBoolean()) {
            return null;
        }
        List<String> nets = random.nextInt(3) == 0 ? List.of("198.18.0." + 8 * random.nextInt(2) + "/29") : null;
        List<String> notNets = random.nextInt(5) == 0 ? List.of("198.18.0." + random.nextInt(16)) : null;
        String selector = random.nextInt(3) == 0 ? pick(SELECTORS) : null;
        String notSelector = random.nextInt(5) == 0 ? pick(SELECTORS) : null;
        List<Port> ports = null;
        List<Port> notPorts = null;
        if (protocol != null && random.nextBoolean()) {
            ports = random.nextBoolean() ? List.of(Port.named("http")) : List.of(Port.range(8000, 8001), Port.single(22));
        }
        if (protocol != null && random.nextInt(4) == 0) {
            notPorts = List.of(random.nextBoolean() ? Port.named("http") : Port.single(8002));
        }
        return new EntityRule(nets, notNets, selector, notSelector, null, null, null, ports, notPorts);
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
