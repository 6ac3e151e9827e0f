package dev.palisade.model.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.FieldError;
import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.IcmpFields;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.Rule;

import java.util.ArrayList;
import java.util.List;

/** v1 rules and their entity rules in v3 form: spelling, merged nets, tags as selector terms. */
final class V1Rules {

    private static final List<String> PROTOCOL_NAMES = List.of("TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite");
    private static final String V1_NAMESPACE_LABEL = "calico/k8s_ns";
    private static final String V3_NAMESPACE_LABEL = "projectcalico.org/namespace";

    private final List<FieldError> errors;

    V1Rules(List<FieldError> errors) {
        this.errors = errors;
    }

    List<Rule> rules(V1Object parent, String field) {
        return parent.objects(field, this::rule);
    }

    /** v1 selectors named the Kubernetes namespace label {@code calico/k8s_ns}; v3 renamed it. */
    static String selector(String v1Selector) {
        return v1Selector == null ? "" : v1Selector.replace(V1_NAMESPACE_LABEL, V3_NAMESPACE_LABEL);
    }

    /** The spelling of a protocol name in v3 (v1 was lower-case); unknown names are kept for validation. */
    static Protocol protocol(V1Object o, String field) {
        JsonNode v = o.value(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return Protocol.ofNumber(v.intValue());
        }
        if (!v.isTextual()) {
            o.error(field, "expected a protocol name or number");
            return null;
        }
        String name = v.textValue();
        return PROTOCOL_NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                .map(n -> Protocol.of((Object) n))
                .orElseGet(() -> Protocol.of((Object) name));
    }

    private Rule rule(V1Object r) {
        Action action = action(r);
        Integer ipVersion = r.integer("ipVersion");
        Protocol protocol = protocol(r, "protocol");
        Protocol notProtocol = protocol(r, "notProtocol");
        IcmpFields icmp = icmp(r.object("icmp"));
        IcmpFields notIcmp = icmp(r.object("notICMP"));
        V1Object src = r.object("source");
        EntityRule source = entity(src);
        src.finish();
        V1Object dst = r.object("destination");
        EntityRule destination = entity(dst);
        dst.finish();
        return new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, source, destination, null, null);
    }

    /** v1 wrote actions in lower case; the backend spelled pass {@code next-tier}; an empty action allowed. */
    private Action action(V1Object r) {
        String a = r.text("action");
        if (a == null || a.isEmpty()) {
            return Action.Allow;
        }
        if (a.equals("next-tier")) {
            return Action.Pass;
        }
        for (Action candidate : Action.values()) {
            if (candidate.name().equalsIgnoreCase(a)) {
                return candidate;
            }
        }
        r.error("action", "invalid action \"" + a + "\" (expected allow, deny, log, pass or next-tier)");
        return null;
    }

    private IcmpFields icmp(V1Object o) {
        boolean present = o.has("type") || o.has("code");
        Integer type = o.integer("type");
        Integer code = o.integer("code");
        o.finish();
        return present ? new IcmpFields(type, code) : null;
    }

    private EntityRule entity(V1Object e) {
        List<String> nets = nets(e, "nets", "net");
        List<String> notNets = nets(e, "notNets", "notNet");
        String selector = withTag(selector(e.text("selector")), e.text("tag"));
        String notSelector = withTag(selector(e.text("notSelector")), e.text("notTag"));
        List<Port> ports = ports(e, "ports");
        List<Port> notPorts = ports(e, "notPorts");
        return new EntityRule(nets, notNets, selector, notSelector, null, null, null, ports, notPorts);
    }

    /** The list first, then the deprecated single value, as Calico combines them; each masked to its network. */
    private List<String> nets(V1Object e, String listField, String singleField) {
        List<String> out = new ArrayList<>(e.list(listField, this::network));
        String single = e.text(singleField);
        if (single != null) {
            Cidr.parse(single).map(Cidr::masked).map(Cidr::toString).ifPresentOrElse(out::add,
                    () -> e.error(singleField, "invalid network \"" + single + "\" (expected an IP or CIDR)"));
        }
        return out;
    }

    private String network(JsonNode item, String path) {
        if (!item.isTextual()) {
            errors.add(new FieldError(path, "expected an IP or CIDR string"));
            return null;
        }
        return Cidr.parse(item.textValue()).map(Cidr::masked).map(Cidr::toString).orElseGet(() -> {
            errors.add(new FieldError(path, "invalid network \"" + item.textValue() + "\" (expected an IP or CIDR)"));
            return null;
        });
    }

    /** Tags were labels with empty values on profiles: tag {@code t} means {@code t == ''} AND the selector. */
    private static String withTag(String selector, String tag) {
        if (tag == null || tag.isEmpty()) {
            return selector;
        }
        return selector.isEmpty() ? tag + " == ''" : "(" + selector + ") && " + tag + " == ''";
    }

    private List<Port> ports(V1Object e, String field) {
        return e.list(field, (item, path) -> {
            if (item.isIntegralNumber() || item.isTextual()) {
                return Port.of(item.isTextual() ? item.textValue() : (Object) item.intValue());
            }
            errors.add(new FieldError(path, "expected a port number, \"min:max\" range or port name"));
            return null;
        });
    }
}
