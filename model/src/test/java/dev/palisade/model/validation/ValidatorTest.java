package dev.palisade.model.validation;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import static dev.palisade.model.validation.Manifests.errors;
import static org.assertj.core.api.Assertions.assertThat;

class ValidatorTest {

    private final Validator validator = new Validator();

    @Test
    void everyErrorOfOneResourceIsReportedAtOnce() {
        var errors = errors("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: Bad.Name.x, labels: {'-x': y}}
                spec:
                  selector: "role == "
                  doNotTrack: true
                  ingress:
                  - action: Allow
                  - action: Allow
                    destination: {ports: ["90:80"]}
                    source: {nets: [198.18.0.0/16], notNets: ["2001:db8::/32"]}
                  egress:
                  - {action: Deny, protocol: ICMP, icmp: {code: 1}, ipVersion: 6}
                """);
        assertThat(errors).extracting(FieldError::path).containsExactly(
                "metadata.name",
                "metadata.labels[-x]",
                "spec.selector",
                "spec.ingress[1].destination.ports",
                "spec.ingress[1].destination.ports[0]",
                "spec.ingress[1]",
                "spec.egress[0].icmp.code",
                "spec.egress[0].ipVersion",
                "spec.applyOnForward");
        assertThat(errors).contains(
                new FieldError("spec.ingress[1].destination.ports[0]", "port range invalid"),
                new FieldError("spec.ingress[1]", "rule contains both IPv4 and IPv6 CIDRs"),
                new FieldError("spec.egress[0].ipVersion", "protocol ICMP requires ipVersion 4"));
    }

    @Test
    void specExamplesAreValid() {
        assertThat(errors("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: node1-eth0, labels: {role: k8s-worker, environment: production}}
                spec:
                  node: node1
                  interfaceName: eth0
                  expectedIPs: ["192.168.0.11", "fd00::11"]
                  profiles: ["projectcalico-default-allow"]
                  ports: [{name: ssh, protocol: TCP, port: 22}]
                """)).isEmpty();
        assertThat(errors("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: allow-nodeports-from-lb}
                spec:
                  order: 10
                  selector: has(node-role)
                  preDNAT: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress:
                  - {action: Allow, protocol: TCP, source: {nets: [10.1.0.0/16]}, destination: {ports: [31852, "32000:32100"]}}
                """)).isEmpty();
        assertThat(errors("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: allow-hosts, namespace: prod}
                spec:
                  tier: kube-admin
                  ingress:
                  - action: Allow
                    source: {namespaceSelector: global(), selector: "role == 'lb'"}
                """)).isEmpty();
    }

    @Test
    void builtInResourcesAreValid() {
        for (Resource r : BuiltIns.all()) {
            assertThat(validator.validate(r)).as(r.key().toString()).isEmpty();
        }
    }

    @Test
    void errorsReadAsPathAndReason() {
        assertThat(errors(Manifests.ingressRule("{action: Allow, protocol: TCP, destination: {ports: [0]}}")))
                .extracting(FieldError::toString)
                .containsExactly("spec.ingress[0].destination.ports[0]: "
                        + "port range invalid, port number must be between 1 and 65535");
    }
}
