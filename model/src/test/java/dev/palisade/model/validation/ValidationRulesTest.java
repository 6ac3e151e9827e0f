package dev.palisade.model.validation;

import dev.palisade.model.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.palisade.model.validation.Manifests.egressRule;
import static dev.palisade.model.validation.Manifests.errors;
import static dev.palisade.model.validation.Manifests.gnp;
import static dev.palisade.model.validation.Manifests.hep;
import static dev.palisade.model.validation.Manifests.ingressRule;
import static dev.palisade.model.validation.Manifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per rule of spec §2: a manifest that breaks exactly that rule is refused at the expected path with
 * the expected reason, and the same manifest with the fault mended is accepted.
 */
class ValidationRulesTest {

    record Case(String rule, String bad, String good, String path, String reason) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Case c(String rule, String bad, String good, String path, String reason) {
        return new Case(rule, bad, good, path, reason);
    }

    private static final String NAME_REGEX_REASON = "name must consist of lower case alphanumeric characters, '-' or '.'";

    static Stream<Case> cases() {
        return Stream.of(
                // names and metadata (any kind)
                c("name must be a DNS-1123 subdomain",
                        manifest("GlobalNetworkSet", "Bad_Name", "{nets: [198.18.0.0/16]}"),
                        manifest("GlobalNetworkSet", "good.name", "{nets: [198.18.0.0/16]}"),
                        "metadata.name", NAME_REGEX_REASON),
                c("name is required",
                        "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {labels: {a: b}}\n",
                        manifest("GlobalNetworkSet", "s", "{}"),
                        "metadata.name", "name must be specified"),
                c("name at most 253 characters",
                        manifest("HostEndpoint", "a".repeat(254), "{node: n1, interfaceName: eth0}"),
                        manifest("HostEndpoint", "a".repeat(253), "{node: n1, interfaceName: eth0}"),
                        "metadata.name", "name is too long by 1 bytes"),
                c("label key must be a qualified name",
                        withMetadata("labels: {'-bad': x}"), withMetadata("labels: {example.com/good: x}"),
                        "metadata.labels[-bad]", "name part must consist of alphanumeric characters"),
                c("label key prefix must be a DNS subdomain",
                        withMetadata("labels: {Example.com/x: y}"), withMetadata("labels: {example.com/x: y}"),
                        "metadata.labels[Example.com/x]", "prefix part a lowercase RFC 1123 subdomain"),
                c("label value must be K8s-valid",
                        withMetadata("labels: {a: 'has space'}"), withMetadata("labels: {a: has_underscore.ok}"),
                        "metadata.labels[a]", "a valid label must be an empty string or consist of"),
                c("label value at most 63 characters",
                        withMetadata("labels: {a: " + "v".repeat(64) + "}"),
                        withMetadata("labels: {a: " + "v".repeat(63) + "}"),
                        "metadata.labels[a]", "must be no more than 63 characters"),
                c("annotation key must be a qualified name",
                        withMetadata("annotations: {'a/b/c': x}"), withMetadata("annotations: {'a/c': 'any text'}"),
                        "metadata.annotations[a/b/c]", "a qualified name must consist of"),
                c("annotations at most 256 KiB in total",
                        withMetadata("annotations: {a: " + "x".repeat(262_144) + "}"),
                        withMetadata("annotations: {a: " + "x".repeat(262_143) + "}"),
                        "metadata.annotations", "may not have more than 262144 bytes in total"),

                // HostEndpoint
                c("HEP node required", hep("{interfaceName: eth0}"), hep("{node: n1, interfaceName: eth0}"),
                        "spec.node", "node must be specified"),
                c("HEP needs interfaceName or expectedIPs", hep("{node: n1}"), hep("{node: n1, expectedIPs: [198.18.0.1]}"),
                        "spec", "at least one of interfaceName or expectedIPs must be specified"),
                c("HEP interfaceName pattern", hep("{node: n1, interfaceName: eth0-much-too-long}"),
                        hep("{node: n1, interfaceName: '*'}"),
                        "spec.interfaceName", "invalid interface name"),
                c("HEP expectedIPs are plain IPs", hep("{node: n1, expectedIPs: [198.18.0.0/24]}"),
                        hep("{node: n1, expectedIPs: ['2001:db8::1']}"),
                        "spec.expectedIPs[0]", "invalid IP address"),
                c("HEP profile names", hep("{node: n1, interfaceName: eth0, profiles: [Bad]}"),
                        hep("{node: n1, interfaceName: eth0, profiles: [projectcalico-default-allow]}"),
                        "spec.profiles[0]", NAME_REGEX_REASON),
                c("EndpointPort protocol must support ports",
                        hep("{node: n1, interfaceName: eth0, ports: [{name: ping, protocol: ICMP, port: 1}]}"),
                        hep("{node: n1, interfaceName: eth0, ports: [{name: dns, protocol: UDP, port: 53}]}"),
                        "spec.ports[0].protocol", "EndpointPort protocol does not support ports."),
                c("EndpointPort name is a K8s port name",
                        hep("{node: n1, interfaceName: eth0, ports: [{name: '80', protocol: TCP, port: 80}]}"),
                        hep("{node: n1, interfaceName: eth0, ports: [{name: http-80, protocol: TCP, port: 80}]}"),
                        "spec.ports[0].name", "must contain at least one letter"),
                c("EndpointPort name required",
                        hep("{node: n1, interfaceName: eth0, ports: [{protocol: TCP, port: 80}]}"),
                        hep("{node: n1, interfaceName: eth0, ports: [{name: web, protocol: TCP, port: 80}]}"),
                        "spec.ports[0].name", "name must be specified"),
                c("EndpointPort port 1-65535",
                        hep("{node: n1, interfaceName: eth0, ports: [{name: web, protocol: 6, port: 0}]}"),
                        hep("{node: n1, interfaceName: eth0, ports: [{name: web, protocol: 6, port: 65535}]}"),
                        "spec.ports[0].port", "port must be between 1 and 65535"),

                // policy names
                c("GNP name has at most one dot",
                        manifest("GlobalNetworkPolicy", "a.b.c", "{}"), manifest("GlobalNetworkPolicy", "a.b", "{}"),
                        "metadata.name",
                        "name must consist of lower case alphanumeric characters or '-' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?)"),
                c("GNP name knp.default. is reserved",
                        manifest("GlobalNetworkPolicy", "knp.default.x", "{}"),
                        manifest("GlobalNetworkPolicy", "knp-default-x", "{}"),
                        "metadata.name", "reserved for Kubernetes network policies"),
                c("NP name: label, label.label or knp.default.<subdomain>",
                        np("a.b.c", "{}"), np("knp.default.a.b.c", "{}"),
                        "metadata.name", "name must be one DNS label, two DNS labels joined by '.'"),
                c("NP namespace required",
                        manifest("NetworkPolicy", "p", "{}"), np("p", "{}"),
                        "metadata.namespace", "namespace must be specified"),

                // policy spec
                c("GNP/NP duplicate type", gnp("{types: [Egress, Ingress, Egress]}"), gnp("{types: [Egress, Ingress]}"),
                        "spec.types[2]", "'Egress' type specified more than once"),
                c("NP duplicate type", np("p", "{types: [Ingress, Ingress]}"), np("p", "{types: [Ingress]}"),
                        "spec.types[1]", "'Ingress' type specified more than once"),
                c("preDNAT and doNotTrack exclusive",
                        gnp("{preDNAT: true, doNotTrack: true, applyOnForward: true}"),
                        gnp("{doNotTrack: true, applyOnForward: true, types: [Ingress, Egress]}"),
                        "spec.preDNAT", "preDNAT and doNotTrack cannot both be true"),
                c("preDNAT without egress rules",
                        gnp("{preDNAT: true, applyOnForward: true, types: [Ingress], egress: [{action: Allow}]}"),
                        gnp("{preDNAT: true, applyOnForward: true, types: [Ingress], ingress: [{action: Allow}]}"),
                        "spec.egress", "preDNAT policy cannot have any egress rules"),
                c("preDNAT without Egress type",
                        gnp("{preDNAT: true, applyOnForward: true, types: [Egress]}"),
                        gnp("{preDNAT: true, applyOnForward: true}"),
                        "spec.types", "preDNAT policy cannot have 'Egress' type"),
                c("preDNAT/doNotTrack need applyOnForward",
                        gnp("{doNotTrack: true}"), gnp("{doNotTrack: true, applyOnForward: true}"),
                        "spec.applyOnForward", "applyOnForward must be true if either preDNAT or doNotTrack is true"),
                c("global( in policy selector",
                        gnp("{selector: \"a == 'global()'\"}"), gnp("{selector: \"a == 'global'\"}"),
                        "spec.selector", "global() can only be used in an EntityRule namespaceSelector"),
                c("global( in GNP namespaceSelector",
                        gnp("{namespaceSelector: global()}"), gnp("{namespaceSelector: all()}"),
                        "spec.namespaceSelector", "global() can only be used in an EntityRule namespaceSelector"),
                c("global( in serviceAccountSelector",
                        gnp("{serviceAccountSelector: global()}"), gnp("{serviceAccountSelector: has(x)}"),
                        "spec.serviceAccountSelector", "global() can only be used in an EntityRule namespaceSelector"),
                c("policy selector syntax",
                        gnp("{selector: \"role == \"}"), gnp("{selector: \"role == 'db'\"}"),
                        "spec.selector", "invalid selector at position 8"),
                c("selector at most 1024 characters",
                        gnp("{selector: \"a in {'" + "x".repeat(1016) + "'}\"}"),
                        gnp("{selector: \"a in {'" + "x".repeat(1015) + "'}\"}"),
                        "spec.selector", "selector is too long: 1025 characters (at most 1024)"),
                c("label names inside selectors at most 512 characters",
                        gnp("{selector: 'has(" + "l".repeat(513) + ")'}"),
                        gnp("{selector: 'has(" + "l".repeat(512) + ")'}"),
                        "spec.selector", "invalid selector at position 4"),
                c("policy tier name is a DNS label",
                        gnp("{tier: a.b}"), gnp("{tier: kube-admin}"),
                        "spec.tier", "name must consist of lower case alphanumeric characters or '-'"),
                c("performance hints",
                        gnp("{performanceHints: [Fast]}"), gnp("{performanceHints: [AssumeNeededOnEveryNode]}"),
                        "spec.performanceHints[0]", "invalid performance hint"),
                c("at most 1024 ingress rules",
                        gnp("{ingress: [" + "{action: Allow}, ".repeat(1025) + "]}"),
                        gnp("{ingress: [" + "{action: Allow}, ".repeat(1024) + "]}"),
                        "spec.ingress", "too many rules: 1025 (at most 1024)"),
                c("at most 1024 profile egress rules",
                        profile("{egress: [" + "{action: Deny}, ".repeat(1025) + "]}"),
                        profile("{egress: [" + "{action: Deny}, ".repeat(1024) + "]}"),
                        "spec.egress", "too many rules: 1025 (at most 1024)"),
                c("profile labelsToApply are K8s labels",
                        profile("{labelsToApply: {'a b': x}}"), profile("{labelsToApply: {ab: ''}}"),
                        "spec.labelsToApply[a b]", "name part must consist of alphanumeric characters"),

                // rules
                c("rule action required", ingressRule("{protocol: TCP}"), ingressRule("{action: Log, protocol: TCP}"),
                        "spec.ingress[0].action", "action must be specified"),
                c("rule ipVersion 4 or 6", ingressRule("{action: Allow, ipVersion: 5}"),
                        ingressRule("{action: Allow, ipVersion: 6}"),
                        "spec.ingress[0].ipVersion", "ipVersion must be 4 or 6"),
                c("protocol number 1-255", ingressRule("{action: Allow, protocol: 0}"),
                        ingressRule("{action: Allow, protocol: 255}"),
                        "spec.ingress[0].protocol", "protocol number invalid"),
                c("protocol names are case-sensitive", ingressRule("{action: Allow, protocol: tcp}"),
                        ingressRule("{action: Allow, protocol: UDPLite}"),
                        "spec.ingress[0].protocol", "protocol name invalid"),
                c("notProtocol checked too", ingressRule("{action: Allow, notProtocol: '256'}"),
                        ingressRule("{action: Allow, notProtocol: '17'}"),
                        "spec.ingress[0].notProtocol", "protocol number invalid"),
                c("numeric ports need a protocol",
                        ingressRule("{action: Allow, destination: {ports: [22, ssh]}}"),
                        ingressRule("{action: Allow, destination: {ports: [ssh]}}"),
                        "spec.ingress[0].destination.ports",
                        "rules with numeric port or port range must set protocol to TCP or UDP or SCTP"),
                c("ports need a protocol with ports",
                        ingressRule("{action: Allow, protocol: UDPLite, source: {notPorts: [ssh]}}"),
                        ingressRule("{action: Allow, protocol: SCTP, source: {notPorts: [ssh]}}"),
                        "spec.ingress[0].source.notPorts",
                        "rules that specify ports must set protocol to TCP or UDP or SCTP"),
                c("port range min <= max",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [80, '90:80']}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [80, '80:90']}}"),
                        "spec.ingress[0].destination.ports[1]", "port range invalid"),
                c("port 0 invalid",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [0]}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [1]}}"),
                        "spec.ingress[0].destination.ports[0]",
                        "port range invalid, port number must be between 1 and 65535"),
                c("port above 65535 invalid",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: ['1:65536']}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: ['1:65535']}}"),
                        "spec.ingress[0].destination.ports[0]",
                        "port range invalid, port number must be between 1 and 65535"),
                c("named port must be a K8s port name",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [Web_Port]}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [web-port]}}"),
                        "spec.ingress[0].destination.ports[0]", "invalid port name \"Web_Port\""),
                c("named port parse-time pattern",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: ['a b']}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [ab]}}"),
                        "spec.ingress[0].destination.ports[0]", "invalid named port \"a b\""),
                c("at most 50 ports",
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [" + "1, ".repeat(51) + "]}}"),
                        ingressRule("{action: Allow, protocol: TCP, destination: {ports: [" + "1, ".repeat(50) + "]}}"),
                        "spec.ingress[0].destination.ports", "too many ports: 51 (at most 50)"),
                c("icmp needs protocol ICMP or ICMPv6",
                        ingressRule("{action: Allow, protocol: TCP, icmp: {type: 8}}"),
                        ingressRule("{action: Allow, protocol: 58, icmp: {type: 128}}"),
                        "spec.ingress[0].icmp", "ICMP fields require protocol to be ICMP or ICMPv6"),
                c("notICMP needs protocol ICMP or ICMPv6",
                        ingressRule("{action: Allow, notICMP: {type: 8}}"),
                        ingressRule("{action: Allow, protocol: ICMP, notICMP: {type: 8}}"),
                        "spec.ingress[0].notICMP", "ICMP fields require protocol to be ICMP or ICMPv6"),
                c("icmp code needs type",
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {code: 0}}"),
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {type: 3, code: 0}}"),
                        "spec.ingress[0].icmp.code", "ICMP code specified without an ICMP type"),
                c("icmp type 0-254",
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {type: 255}}"),
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {type: 254}}"),
                        "spec.ingress[0].icmp.type", "ICMP type must be between 0 and 254"),
                c("icmp code 0-255",
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {type: 3, code: 256}}"),
                        ingressRule("{action: Allow, protocol: ICMP, icmp: {type: 3, code: 255}}"),
                        "spec.ingress[0].icmp.code", "ICMP code must be between 0 and 255"),
                c("ICMP requires ipVersion 4",
                        ingressRule("{action: Allow, protocol: ICMP, ipVersion: 6}"),
                        ingressRule("{action: Allow, protocol: ICMP, ipVersion: 4}"),
                        "spec.ingress[0].ipVersion", "protocol ICMP requires ipVersion 4"),
                c("notProtocol ICMP requires ipVersion 4",
                        ingressRule("{action: Allow, notProtocol: ICMP, ipVersion: 6}"),
                        ingressRule("{action: Allow, notProtocol: ICMPv6, ipVersion: 6}"),
                        "spec.ingress[0].ipVersion", "protocol ICMP requires ipVersion 4"),
                c("ICMPv6 requires ipVersion 6",
                        ingressRule("{action: Allow, protocol: ICMPv6, ipVersion: 4}"),
                        ingressRule("{action: Allow, protocol: ICMPv6}"),
                        "spec.ingress[0].ipVersion", "protocol ICMPv6 requires ipVersion 6"),
                c("nets must be CIDRs",
                        ingressRule("{action: Allow, source: {nets: [198.18.0.0/16, 198.18.0.0/33]}}"),
                        ingressRule("{action: Allow, source: {nets: [198.18.0.0/16, 198.18.0.9]}}"),
                        "spec.ingress[0].source.nets[1]", "invalid CIDR"),
                c("notNets must be CIDRs",
                        ingressRule("{action: Allow, destination: {notNets: [example.com]}}"),
                        ingressRule("{action: Allow, destination: {notNets: ['2001:db8::/32']}}"),
                        "spec.ingress[0].destination.notNets[0]", "invalid CIDR"),
                c("IPv4 and IPv6 CIDRs in one rule",
                        ingressRule("{action: Allow, source: {nets: [198.18.0.0/16]}, destination: {notNets: ['2001:db8::/32']}}"),
                        ingressRule("{action: Allow, source: {nets: [198.18.0.0/16]}, destination: {notNets: [198.19.0.0/16]}}"),
                        "spec.ingress[0]", "rule contains both IPv4 and IPv6 CIDRs"),
                c("CIDR family matches ipVersion",
                        ingressRule("{action: Allow, ipVersion: 6, source: {nets: [198.18.0.0/16]}}"),
                        ingressRule("{action: Allow, ipVersion: 4, source: {nets: [198.18.0.0/16]}}"),
                        "spec.ingress[0]", "rule IP version doesn't match CIDR version"),
                c("catch-all CIDR in notNets",
                        ingressRule("{action: Allow, source: {notNets: ['::/0']}}"),
                        ingressRule("{action: Allow, source: {nets: ['::/0']}}"),
                        "spec.ingress[0].source.notNets[0]",
                        "catch-all CIDR in negation creates logical contradiction (matches no traffic)"),
                c("at most 256 nets",
                        ingressRule("{action: Allow, source: {nets: [" + "198.18.0.1, ".repeat(257) + "]}}"),
                        ingressRule("{action: Allow, source: {nets: [" + "198.18.0.1, ".repeat(256) + "]}}"),
                        "spec.ingress[0].source.nets", "too many nets: 257 (at most 256)"),
                c("EntityRule selector without global(",
                        ingressRule("{action: Allow, source: {selector: global()}}"),
                        ingressRule("{action: Allow, source: {namespaceSelector: global()}}"),
                        "spec.ingress[0].source.selector", "global() can only be used in an EntityRule namespaceSelector"),
                c("global() alone in namespaceSelector",
                        ingressRule("{action: Allow, source: {namespaceSelector: 'global() || has(a)'}}"),
                        ingressRule("{action: Allow, source: {namespaceSelector: ' global( ) '}}"),
                        "spec.ingress[0].source.namespaceSelector", "global() cannot be combined with other selectors"),
                c("EntityRule selector syntax",
                        ingressRule("{action: Allow, destination: {selector: 'has(a'}}"),
                        ingressRule("{action: Allow, destination: {selector: 'has(a)'}}"),
                        "spec.ingress[0].destination.selector", "invalid selector"),
                c("EntityRule notSelector syntax",
                        ingressRule("{action: Allow, destination: {notSelector: 'a = b'}}"),
                        ingressRule("{action: Allow, destination: {notSelector: \"a == 'b'\"}}"),
                        "spec.ingress[0].destination.notSelector", "invalid selector"),
                c("serviceAccounts selector syntax",
                        ingressRule("{action: Allow, source: {serviceAccounts: {selector: '&&'}}}"),
                        ingressRule("{action: Allow, source: {serviceAccounts: {names: [sa], selector: all()}}}"),
                        "spec.ingress[0].source.serviceAccounts.selector", "invalid selector"),
                c("HTTP only on Allow",
                        ingressRule("{action: Deny, http: {methods: [GET]}}"),
                        ingressRule("{action: Allow, http: {methods: [GET]}}"),
                        "spec.ingress[0].http", "HTTP match is only valid on Allow rules"),
                c("HTTP only with TCP",
                        ingressRule("{action: Allow, protocol: UDP, http: {paths: [{prefix: /a}]}}"),
                        ingressRule("{action: Allow, protocol: TCP, http: {paths: [{prefix: /a}]}}"),
                        "spec.ingress[0].http", "rules with HTTP match must have protocol TCP or unset"),
                c("HTTP not in egress",
                        egressRule("{action: Allow, http: {methods: [GET]}}"),
                        egressRule("{action: Allow}"),
                        "spec.egress[0].http", "not allowed in egress rules"),
                c("services exclude ports",
                        egressRule("{action: Allow, protocol: TCP, destination: {services: {name: s, namespace: n}, ports: [80]}}"),
                        egressRule("{action: Allow, protocol: TCP, destination: {services: {name: s, namespace: n}}}"),
                        "spec.egress[0].destination.services", "ports and notPorts cannot be specified with services"),
                c("services exclude other peer fields",
                        egressRule("{action: Allow, destination: {services: {name: s, namespace: n}, nets: [198.18.0.0/16]}}"),
                        egressRule("{action: Allow, destination: {nets: [198.18.0.0/16]}}"),
                        "spec.egress[0].destination.services", "cannot specify nets and services on the same rule"),
                c("services not in egress source",
                        egressRule("{action: Allow, source: {services: {name: s, namespace: n}}}"),
                        ingressRule("{action: Allow, source: {services: {name: s, namespace: n}}}"),
                        "spec.egress[0].source.services", "not allowed in egress rule source"),
                c("services not in ingress destination",
                        ingressRule("{action: Allow, destination: {services: {name: s, namespace: n}}}"),
                        egressRule("{action: Allow, destination: {services: {name: s, namespace: n}}}"),
                        "spec.ingress[0].destination.services", "not allowed in ingress rule destination"),
                c("GNP services need a namespace",
                        egressRule("{action: Allow, destination: {services: {name: s}}}"),
                        np("p", "{egress: [{action: Allow, destination: {services: {name: s}}}]}"),
                        "spec.egress[0].destination.services.namespace", "must specify a namespace"),

                // Tier
                c("tier name has no dot",
                        manifest("Tier", "a.b", "{order: 5}"), manifest("Tier", "a-b", "{order: 5}"),
                        "metadata.name", "name must consist of lower case alphanumeric characters or '-'"),
                c("tier name at most 63",
                        manifest("Tier", "t".repeat(64), "{}"), manifest("Tier", "t".repeat(63), "{}"),
                        "metadata.name", "name is too long by 1 bytes"),
                c("default tier must be Deny",
                        manifest("Tier", "default", "{order: 1000000, defaultAction: Pass}"),
                        manifest("Tier", "default", "{order: 1000000}"),
                        "spec.defaultAction", "the 'default' tier must have default action 'Deny'"),
                c("default tier order 1e6",
                        manifest("Tier", "default", "{order: 100, defaultAction: Deny}"),
                        manifest("Tier", "default", "{order: 1e6, defaultAction: Deny}"),
                        "spec.order", "the 'default' tier must have order 1000000"),
                c("kube-admin tier must Pass",
                        manifest("Tier", "kube-admin", "{order: 1000}"),
                        manifest("Tier", "kube-admin", "{order: 1000, defaultAction: Pass}"),
                        "spec.defaultAction", "the 'kube-admin' tier must have default action 'Pass'"),
                c("kube-baseline tier order",
                        manifest("Tier", "kube-baseline", "{order: 1000, defaultAction: Pass}"),
                        manifest("Tier", "kube-baseline", "{order: 10000000, defaultAction: Pass}"),
                        "spec.order", "the 'kube-baseline' tier must have order 10000000"),

                // FelixConfiguration
                c("failsafe protocol exactly TCP/UDP/SCTP",
                        manifest("FelixConfiguration", "default", "{failsafeInboundHostPorts: [{protocol: tcp, port: 22}]}"),
                        manifest("FelixConfiguration", "default", "{failsafeInboundHostPorts: [{protocol: TCP, port: 22}]}"),
                        "spec.failsafeInboundHostPorts[0].protocol", "protocol must be 'TCP' or 'UDP' or 'SCTP'."),
                c("failsafe protocol required",
                        manifest("FelixConfiguration", "node.n1", "{failsafeOutboundHostPorts: [{port: 53}]}"),
                        manifest("FelixConfiguration", "node.n1", "{failsafeOutboundHostPorts: [{protocol: UDP, port: 53}]}"),
                        "spec.failsafeOutboundHostPorts[0].protocol", "protocol must be 'TCP' or 'UDP' or 'SCTP'."),
                c("failsafe net is a CIDR",
                        manifest("FelixConfiguration", "default", "{failsafeInboundHostPorts: [{protocol: UDP, port: 68, net: 10.0.0.0/40}]}"),
                        manifest("FelixConfiguration", "default", "{failsafeInboundHostPorts: [{protocol: UDP, port: 68, net: 10.0.0.0/8}]}"),
                        "spec.failsafeInboundHostPorts[0].net", "invalid CIDR"),

                // GlobalNetworkSet
                c("GNS nets are CIDRs or IPs",
                        manifest("GlobalNetworkSet", "s", "{nets: [198.18.0.0/16, 198.18.300.1]}"),
                        manifest("GlobalNetworkSet", "s", "{nets: [198.18.0.0/16, 198.18.3.1, '2001:db8::/48']}"),
                        "spec.nets[1]", "invalid CIDR"),
                c("GNS cannot carry the namespace label",
                        "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s, labels: "
                                + "{projectcalico.org/namespace: x}}\nspec: {nets: [198.18.0.0/16]}\n",
                        "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s, labels: "
                                + "{projectcalico.org/name: x}}\nspec: {nets: [198.18.0.0/16]}\n",
                        "metadata.labels[projectcalico.org/namespace]", "is reserved and not allowed on a GlobalNetworkSet"),

                // NetworkSet
                c("NetworkSet needs a namespace",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s}\nspec: {nets: [198.18.0.0/16]}\n",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: prod}\n"
                                + "spec: {nets: [198.18.0.0/16]}\n",
                        "metadata.namespace", "namespace must be specified"),
                c("NetworkSet nets are CIDRs or IPs",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: prod}\n"
                                + "spec: {nets: ['2001:db8::/48', 198.18.0.0/33]}\n",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: prod}\n"
                                + "spec: {nets: ['2001:db8::/48', 198.18.0.0/32]}\n",
                        "spec.nets[1]", "invalid CIDR"),
                c("NetworkSet cannot carry the namespace label",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: prod, labels: "
                                + "{projectcalico.org/namespace: x}}\nspec: {nets: [198.18.0.0/16]}\n",
                        "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: prod, labels: "
                                + "{projectcalico.org/name: x}}\nspec: {nets: [198.18.0.0/16]}\n",
                        "metadata.labels[projectcalico.org/namespace]", "is reserved and not allowed on a NetworkSet"),

                // Node
                c("Node addresses are IPs or CIDRs",
                        manifest("Node", "n1", "{addresses: [{address: 198.18.0.1/24, type: InternalIP}, {address: host1}]}"),
                        manifest("Node", "n1", "{addresses: [{address: 198.18.0.1/24, type: InternalIP}, {address: '2001:db8::1'}]}"),
                        "spec.addresses[1].address", "invalid IP address or CIDR"),
                c("Node interface addresses are IPs or CIDRs",
                        manifest("Node", "n1", "{interfaces: [{name: eth0, addresses: [198.18.0.1, 198.18.0.256]}]}"),
                        manifest("Node", "n1", "{interfaces: [{name: eth0, addresses: [198.18.0.1, 198.18.0.0/15]}]}"),
                        "spec.interfaces[0].addresses[1]", "invalid IP address or CIDR"),
                c("Node BGP IPv4 address family",
                        manifest("Node", "n1", "{bgp: {ipv4Address: '2001:db8::1/64'}}"),
                        manifest("Node", "n1", "{bgp: {ipv4Address: 198.18.0.1/24}}"),
                        "spec.bgp.ipv4Address", "must be an IPv4 address or CIDR"),

                // KubeControllersConfiguration
                c("KCC is the singleton default",
                        manifest("KubeControllersConfiguration", "other", "{}"),
                        manifest("KubeControllersConfiguration", "default", "{}"),
                        "metadata.name", "name must be 'default'"),
                c("KCC autoCreate Enabled or Disabled",
                        manifest("KubeControllersConfiguration", "default", "{controllers: {node: {hostEndpoint: {autoCreate: yes-please}}}}"),
                        manifest("KubeControllersConfiguration", "default", "{controllers: {node: {hostEndpoint: {autoCreate: Enabled}}}}"),
                        "spec.controllers.node.hostEndpoint.autoCreate", "must be Enabled or Disabled"),
                c("KCC template fields",
                        manifest("KubeControllersConfiguration", "default", "{controllers: {node: {hostEndpoint: {templates: "
                                + "[{generateName: t, interfaceCIDRs: [nope], nodeSelector: has(a)}]}}}}"),
                        manifest("KubeControllersConfiguration", "default", "{controllers: {node: {hostEndpoint: {templates: "
                                + "[{generateName: t, interfaceCIDRs: [198.18.0.0/15], nodeSelector: has(a)}]}}}}"),
                        "spec.controllers.node.hostEndpoint.templates[0].interfaceCIDRs[0]", "invalid CIDR"));
    }

    private static String withMetadata(String meta) {
        return "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s, " + meta + "}\n";
    }

    private static String np(String name, String spec) {
        return "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: " + name
                + ", namespace: ns1}\nspec: " + spec + "\n";
    }

    private static String profile(String spec) {
        return manifest("Profile", "pr", spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void brokenManifestIsRefusedAtItsPath(Case c) {
        List<FieldError> errors = errors(c.bad());
        assertThat(errors).as("errors of %s", c.rule())
                .anySatisfy(e -> {
                    assertThat(e.path()).isEqualTo(c.path());
                    assertThat(e.message()).contains(c.reason());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mendedManifestIsAccepted(Case c) {
        assertThat(errors(c.good())).as("errors of the mended manifest for %s", c.rule()).isEmpty();
    }
}
