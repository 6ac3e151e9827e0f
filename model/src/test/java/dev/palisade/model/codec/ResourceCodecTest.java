package dev.palisade.model.codec;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Port;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceCodecTest {

    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void decodesMultiDocumentYamlListAndSequence() {
        String text = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: a, labels: {role: db}}
                spec: {node: n1, interfaceName: eth0}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: projectcalico.org/v3
                  kind: GlobalNetworkSet
                  metadata: {name: s}
                  spec: {nets: [198.18.0.0/16]}
                ---
                - apiVersion: projectcalico.org/v3
                  kind: Tier
                  metadata: {name: t}
                  spec: {order: 5}
                """;
        List<Decoded> all = codec.decodeAll(text);
        assertThat(all).hasSize(3).allMatch(d -> d instanceof Decoded.Ok);
        assertThat(all).extracting(d -> ((Decoded.Ok) d).resource().key().toString())
                .containsExactly("HostEndpoint/_/a", "GlobalNetworkSet/_/s", "Tier/_/t");
    }

    @Test
    void unknownFieldIsNamedWithItsPathAndOtherDocumentsStillDecode() {
        String text = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec:
                  ingress:
                  - action: Allow
                    destination: {portz: [80]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: ok}
                spec: {node: n1, interfaceName: eth0}
                """;
        List<Decoded> all = codec.decodeAll(text);
        assertThat(all.get(0)).isInstanceOfSatisfying(Decoded.Failed.class, f -> {
            assertThat(f.name()).isEqualTo("p");
            assertThat(f.errors()).containsExactly(
                    new FieldError("spec.ingress[0].destination.portz", "unknown field \"portz\""));
        });
        assertThat(all.get(1)).isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void badEnumNamesAllowedValues() {
        var f = (Decoded.Failed) codec.decodeAll("""
                {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "p"},
                 "spec": {"egress": [{"action": "allow"}]}}
                """).getFirst();
        assertThat(f.errors().getFirst().path()).isEqualTo("spec.egress[0].action");
        assertThat(f.errors().getFirst().message()).contains("\"allow\"", "Allow, Deny, Log, Pass");
    }

    @Test
    void portsKeepTheirWrittenFormAndRoundTrip() {
        Resource r = codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec:
                  preDNAT: true
                  applyOnForward: true
                  ingress:
                  - action: Allow
                    protocol: TCP
                    destination: {ports: [22, "30000:32767", http]}
                """);
        var gnp = (GlobalNetworkPolicy) r;
        assertThat(gnp.spec().ingress().getFirst().action()).isEqualTo(Action.Allow);
        assertThat(gnp.spec().ingress().getFirst().destination().ports())
                .containsExactly(Port.single(22), Port.range(30000, 32767), Port.named("http"));
        String yaml = codec.toYaml(r);
        assertThat(yaml).contains("preDNAT: true", "- 22", "30000:32767", "- http").doesNotContain("doNotTrack");
        assertThat(codec.decodeSingle(yaml)).isEqualTo(r);
        assertThat(codec.decodeSingle(codec.toJson(r))).isEqualTo(r);
    }

    @Test
    void emptyFailsafeListIsKeptBecauseItDisablesFailsafe() {
        Resource r = codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {failsafeInboundHostPorts: []}
                """);
        assertThat(codec.toYaml(r)).contains("failsafeInboundHostPorts: []");
    }

    @Test
    void syntaxErrorsAndHeaderErrorsAreReported() {
        assertThat(codec.decodeAll("a: [")).singleElement().isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.errors().getFirst().message()).startsWith("not valid YAML or JSON"));
        var f = (Decoded.Failed) codec.decodeAll("{\"apiVersion\": \"x/v9\", \"kind\": \"Foo\"}").getFirst();
        assertThat(f.errors()).extracting(FieldError::path).containsExactly("apiVersion", "kind");
    }

    @Test
    void aYamlFlowMappingIsNotMistakenForJson() {
        var hep = (HostEndpoint) codec.decodeSingle(
                "{apiVersion: projectcalico.org/v3, kind: HostEndpoint, metadata: {name: h}, spec: {node: n, interfaceName: eth0}}");
        assertThat(hep.metadata().name()).isEqualTo("h");
        var broken = (Decoded.Failed) codec.decodeAll("{\"apiVersion\": \"projectcalico.org/v3\",").getFirst();
        assertThat(broken.errors().getFirst().message()).startsWith("not valid YAML or JSON").contains("line 1");
    }

    @Test
    void emptyLabelValuesAndTheWildcardFlagSurviveEncoding() {
        var hep = (HostEndpoint) codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h, labels: {kubernetes-host: ""}}
                spec: {node: n, interfaceName: "*"}
                """);
        String yaml = codec.toYaml(hep);
        assertThat(yaml).contains("kubernetes-host: \"\"").doesNotContain("wildcard");
        assertThat(codec.decodeSingle(yaml)).isEqualTo(hep);
    }

    @Test
    void hostEndpointDefaultsAreStable() {
        var hep = (HostEndpoint) codec.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h}
                spec: {node: n, interfaceName: "*", expectedIPs: [198.18.0.1]}
                """);
        assertThat(hep.spec().isWildcard()).isTrue();
        assertThat(codec.toYaml(hep)).contains("interfaceName: '*'").doesNotContain("profiles").doesNotContain("{}");
    }

    @Test
    void emptyDocumentsAndCommentOnlyDocumentsAreSkipped() {
        String text = """
                # a stream that starts with a comment-only document
                ---
                ---
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: t}
                ---
                # nothing here either
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: s}
                ---
                """;
        List<Decoded> all = codec.decodeAll(text);
        assertThat(all).allMatch(d -> d instanceof Decoded.Ok, "every document decodes")
                .extracting(d -> ((Decoded.Ok) d).resource().key().toString())
                .containsExactly("Tier/_/t", "GlobalNetworkSet/_/s");
        assertThat(all).extracting(Decoded::index).containsExactly(0, 1);
        assertThat(codec.decodeAll("# only a comment\n")).isEmpty();
    }

    @Test
    void anEmptyValueInsideADocumentStaysTheEmptyString() {
        var hep = (HostEndpoint) codec.decodeSingle("""
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: h
                  labels:
                    role:
                spec: {node: n, interfaceName: eth0}
                ---
                """);
        assertThat(hep.metadata().labels()).containsEntry("role", "");
    }

    @Test
    void aDocumentThatIsAnExplicitEmptyStringIsStillNotAResource() {
        assertThat(codec.decodeAll("--- ''\n")).singleElement().isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.errors()).containsExactly(
                        new FieldError("", "a resource must be a mapping, found string")));
    }
}
