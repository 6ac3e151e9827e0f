package dev.palisade.bench;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.NetworkSetSpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ProfileSpec;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.resource.Tier;
import dev.palisade.model.resource.TierSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cluster shaped like the ones Felix is designed for: nodes with a handful of host endpoints each, labelled
 * by role, app, environment and zone; policies mostly selecting by app or role (some by zone, a few all()),
 * with rules whose peers are other apps (IP sets), network sets, CIDRs, numeric and named ports.
 */
final class CalcWorld {

    static final int APPS = 400;
    static final int ROLES = 20;
    static final int ZONES = 10;
    static final String[] ENVS = {"prod", "staging", "dev"};
    static final String[] TIERS = {"security", "platform", "default"};

    private final Random random;
    final int nodes;
    final int hepsPerNode;

    CalcWorld(long seed, int nodes, int hepsPerNode) {
        this.random = new Random(seed);
        this.nodes = nodes;
        this.hepsPerNode = hepsPerNode;
    }

    List<Resource> resources(int policies, int networkSets) {
        List<Resource> out = new ArrayList<>();
        out.add(new Tier(ObjectMeta.named("security"), new TierSpec(100.0, TierSpec.TierAction.Pass)));
        out.add(new Tier(ObjectMeta.named("platform"), new TierSpec(200.0, TierSpec.TierAction.Deny)));
        out.add(new Profile(ObjectMeta.named("base"), new ProfileSpec(List.of(Rule.of(Action.Allow)),
                List.of(Rule.of(Action.Allow)), Map.of("managed", "true"))));
        for (int n = 0; n < nodes; n++) {
            out.addAll(node("node-" + n));
        }
        for (int s = 0; s < networkSets; s++) {
            out.add(networkSet("gns-" + s, 0));
        }
        for (int p = 0; p < policies; p++) {
            out.add(policy("gnp-" + p, selector()));
        }
        return out;
    }

    List<Resource> node(String name) {
        List<Resource> out = new ArrayList<>();
        out.add(new Node(ObjectMeta.named(name), null));
        int zone = random.nextInt(ZONES);
        for (int h = 0; h < hepsPerNode; h++) {
            out.add(hep(name + "-eth" + h, name, h, zone, "app-" + random.nextInt(APPS)));
        }
        return out;
    }

    HostEndpoint hep(String name, String node, int index, int zone, String app) {
        Map<String, String> labels = Map.of("app", app, "role", "role-" + random.nextInt(ROLES),
                "env", ENVS[random.nextInt(ENVS.length)], "zone", "zone-" + zone, "host", node);
        int a = Math.floorMod(name.hashCode(), 250);
        int b = Math.floorMod(name.hashCode() / 250, 250);
        String ip = "198.18." + a + "." + b;
        return new HostEndpoint(new ObjectMeta(name, null, labels, null, null, null, null), new HostEndpointSpec(
                node, "eth" + index, List.of(ip), List.of("base"),
                List.of(new EndpointPort("metrics", Protocol.TCP, 9100 + index))));
    }

    GlobalNetworkSet networkSet(String name, int variant) {
        return new GlobalNetworkSet(new ObjectMeta(name, null, Map.of("feed", "feed-" + Math.floorMod(name.hashCode(), 20)),
                null, null, null, null),
                new NetworkSetSpec(List.of("198.19." + (Math.floorMod(name.hashCode(), 200) + variant) + ".0/24")));
    }

    String selector() {
        int k = random.nextInt(100);
        if (k < 60) {
            return "app == 'app-" + random.nextInt(APPS) + "'";
        } else if (k < 90) {
            return "role == 'role-" + random.nextInt(ROLES) + "' && env == '" + ENVS[random.nextInt(ENVS.length)] + "'";
        } else if (k < 98) {
            return "zone == 'zone-" + random.nextInt(ZONES) + "' && role == 'role-" + random.nextInt(ROLES) + "'";
        } else if (k < 99) {
            return "has(app) && env != 'dev'";
        }
        return "all()";
    }

    GlobalNetworkPolicy policy(String name, String selector) {
        List<Rule> ingress = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            ingress.add(rule());
        }
        List<Rule> egress = random.nextInt(3) == 0 ? List.of(rule()) : List.of();
        return new GlobalNetworkPolicy(ObjectMeta.named(name), new GlobalNetworkPolicySpec(
                TIERS[random.nextInt(TIERS.length)], (double) random.nextInt(1000), selector, List.of(),
                ingress, egress, false, false, random.nextInt(10) == 0, null, null, null));
    }

    private Rule rule() {
        int k = random.nextInt(10);
        EntityRule source;
        if (k < 5) {
            source = new EntityRule(null, null, "app == 'app-" + random.nextInt(APPS) + "'", null, null, null, null, null, null);
        } else if (k < 7) {
            source = new EntityRule(null, null, "feed == 'feed-" + random.nextInt(20) + "'", null, null, null, null, null, null);
        } else if (k < 9) {
            source = new EntityRule(List.of("198.18." + random.nextInt(250) + ".0/24"), null, null, null, null, null, null,
                    null, null);
        } else {
            source = null;
        }
        List<Port> ports = random.nextInt(5) == 0 ? List.of(Port.named("metrics"))
                : List.of(Port.single(1 + random.nextInt(65000)));
        EntityRule destination = new EntityRule(null, null, null, null, null, null, null, ports, null);
        Action action = random.nextInt(8) == 0 ? Action.Deny : Action.Allow;
        return new Rule(action, null, Protocol.TCP, null, null, null, source, destination, null, null);
    }
}
