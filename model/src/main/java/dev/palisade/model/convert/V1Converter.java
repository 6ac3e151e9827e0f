package dev.palisade.model.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.LegacyConverter;
import dev.palisade.model.net.IpAddress;
import dev.palisade.model.resource.EndpointPort;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.HostEndpointSpec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.ProfileSpec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calico v1 ({@code apiVersion: v1}, Calico ≤ 2.6) to {@code projectcalico.org/v3}, as {@code calicoctl convert}
 * does it (spec §1.10): {@code hostEndpoint} → HostEndpoint, {@code policy} → GlobalNetworkPolicy,
 * {@code profile} → Profile. Strict: a field v1 did not have is an error naming its path, and every error of
 * the document is reported at once. Lists ({@code kind: List}, {@code policyList}, bare sequences) are split by
 * the codec before this is called.
 */
public final class V1Converter implements LegacyConverter {

    private static final Set<String> CONVERTED_KINDS = Set.of("hostEndpoint", "policy", "profile");
    private static final Set<String> V1_KINDS_WITHOUT_CONVERSION =
            Set.of("node", "workloadEndpoint", "ipPool", "bgpPeer", "tier");

    @Override
    public Resource convert(JsonNode v1Document) {
        List<FieldError> errors = new ArrayList<>();
        V1Object doc = V1Object.of(v1Document, "", errors);
        doc.text("apiVersion");
        String kind = doc.text("kind") == null ? "" : doc.text("kind");
        V1Object metadata = doc.object("metadata");
        V1Object spec = doc.object("spec");
        V1Rules rules = new V1Rules(errors);
        Resource out = switch (kind) {
            case "hostEndpoint" -> hostEndpoint(metadata, spec);
            case "policy" -> policy(metadata, spec, rules);
            case "profile" -> profile(metadata, spec, rules);
            case "" -> {
                errors.add(new FieldError("kind", "required"));
                yield null;
            }
            default -> {
                errors.add(new FieldError("kind", V1_KINDS_WITHOUT_CONVERSION.contains(kind)
                        ? "v1 kind \"" + kind + "\" is not converted here (only host protection kinds are: "
                                + "hostEndpoint, policy, profile)"
                        : "unknown v1 kind \"" + kind + "\" (expected hostEndpoint, policy or profile)"));
                yield null;
            }
        };
        if (CONVERTED_KINDS.contains(kind)) {
            metadata.finish();
            spec.finish();
        }
        doc.finish();
        if (!errors.isEmpty()) {
            throw new DecodeException(errors);
        }
        return out;
    }

    /** The v3 name joins node and endpoint name, since v3 host endpoints are not scoped by node. */
    private static HostEndpoint hostEndpoint(V1Object metadata, V1Object spec) {
        String name = required(metadata, "name");
        String node = required(metadata, "node");
        Map<String, String> labels = metadata.stringMap("labels");
        String interfaceName = spec.text("interfaceName");
        List<String> expectedIPs = expectedIps(spec);
        List<String> profiles = spec.strings("profiles").stream().map(V1Names::profile).toList();
        List<EndpointPort> ports = spec.objects("ports", V1Converter::endpointPort);
        if (name == null || node == null) {
            return null;
        }
        String v3Node = V1Names.node(node);
        return new HostEndpoint(
                new ObjectMeta(V1Names.qualified(v3Node + "." + name), null, labels, null, null, null, null),
                new HostEndpointSpec(v3Node, interfaceName, expectedIPs, profiles, ports));
    }

    /** Calico's v1 backend kept IPv4 and IPv6 addresses apart, so converted lists hold IPv4 ones first. */
    private static List<String> expectedIps(V1Object spec) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        spec.list("expectedIPs", (item, path) -> {
            String ip = item.isTextual()
                    ? IpAddress.parse(item.textValue()).map(IpAddress::toString).orElse(null) : null;
            if (ip == null) {
                spec.errorAt(path, "invalid IP address " + item);
            } else {
                (ip.contains(":") ? v6 : v4).add(ip);
            }
            return ip;
        });
        v4.addAll(v6);
        return v4;
    }

    private static EndpointPort endpointPort(V1Object p) {
        String name = p.text("name");
        Integer port = p.integer("port");
        return new EndpointPort(name, V1Rules.protocol(p, "protocol"), port == null ? 0 : port);
    }

    /**
     * Pre-DNAT and untracked policy always applied to forwarded traffic, before v3 made that explicit, so
     * applyOnForward is forced on for them. Missing types are inferred from the rules present, as the v1 API
     * did on write (the path {@code calicoctl convert} follows).
     */
    private static GlobalNetworkPolicy policy(V1Object metadata, V1Object spec, V1Rules rules) {
        String name = required(metadata, "name");
        Map<String, String> annotations = metadata.stringMap("annotations");
        Double order = spec.number("order");
        String selector = V1Rules.selector(spec.text("selector"));
        List<Rule> ingress = rules.rules(spec, "ingress");
        List<Rule> egress = rules.rules(spec, "egress");
        boolean doNotTrack = spec.bool("doNotTrack");
        boolean preDNAT = spec.bool("preDNAT");
        boolean applyOnForward = spec.bool("applyOnForward") || doNotTrack || preDNAT;
        List<PolicyType> types = spec.list("types", (item, path) -> policyType(item, path, spec));
        if (!spec.has("types") || types.isEmpty()) {
            types = inferTypes(ingress, egress);
        }
        if (name == null) {
            return null;
        }
        return new GlobalNetworkPolicy(
                new ObjectMeta(V1Names.qualifiedNoDots(name), null, null, annotations, null, null, null),
                new GlobalNetworkPolicySpec(null, order, selector, types, ingress, egress, preDNAT, doNotTrack,
                        applyOnForward, null, null, null));
    }

    private static PolicyType policyType(JsonNode item, String path, V1Object spec) {
        for (PolicyType t : PolicyType.values()) {
            if (item.isTextual() && t.name().equalsIgnoreCase(item.textValue())) {
                return t;
            }
        }
        spec.errorAt(path, "invalid policy type " + item
                + " (expected ingress or egress)");
        return null;
    }

    private static List<PolicyType> inferTypes(List<Rule> ingress, List<Rule> egress) {
        if (egress.isEmpty()) {
            return List.of(PolicyType.Ingress);
        }
        return ingress.isEmpty() ? List.of(PolicyType.Egress) : List.of(PolicyType.Ingress, PolicyType.Egress);
    }

    /** v1 profiles carried tags and labels; v3 has only labels to apply, a tag being a label with no value. */
    private static Profile profile(V1Object metadata, V1Object spec, V1Rules rules) {
        String name = required(metadata, "name");
        Map<String, String> labelsToApply = new LinkedHashMap<>(metadata.stringMap("labels"));
        List<String> tags = metadata.strings("tags");
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (labelsToApply.containsKey(tag)) {
                metadata.error("tags[" + i + "]", "tag \"" + tag + "\" clashes with label \"" + tag + "\": \""
                        + labelsToApply.get(tag) + "\"; both become the label " + tag + " in v3, rename one");
            } else {
                labelsToApply.put(tag, "");
            }
        }
        List<Rule> ingress = rules.rules(spec, "ingress");
        List<Rule> egress = rules.rules(spec, "egress");
        if (name == null) {
            return null;
        }
        return new Profile(ObjectMeta.named(V1Names.profile(name)), new ProfileSpec(ingress, egress, labelsToApply));
    }

    private static String required(V1Object o, String field) {
        String value = o.text(field);
        if (value == null || value.isEmpty()) {
            if (value != null || !o.has(field)) {
                o.error(field, "required");
            }
            return null;
        }
        return value;
    }
}
