package dev.palisade.model.convert;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1ConverterTest {

    private final ResourceCodec codec = new ResourceCodec(new V1Converter());

    private Resource convert(String v1Yaml) {
        return codec.decodeSingle(v1Yaml);
    }

    private List<FieldError> errorsOf(String v1Yaml) {
        List<Decoded> all = codec.decodeAll(v1Yaml);
        assertThat(all).hasSize(1).first().isInstanceOf(Decoded.Failed.class);
        return ((Decoded.Failed) all.getFirst()).errors();
    }

    @Test
    void hostEndpointNameJoinsNodeAndNameAndKeepsLabels() {
        HostEndpoint hep = (HostEndpoint) convert("""
                apiVersion: v1
                kind: hostEndpoint
                metadata: {name: eth0, node: host1, labels: {role: db}}
                spec:
                  interfaceName: eth0
                  expectedIPs: ["2001:DB8::5", 10.0.0.5]
                  profiles: [p1, k8s_ns.default]
                  ports: [{name: pg, protocol: tcp, port: 5432}]
                """);
        assertThat(hep.metadata().name()).isEqualTo("host1.eth0");
        assertThat(hep.metadata().labels()).isEqualTo(Map.of("role", "db"));
        assertThat(hep.spec().node()).isEqualTo("host1");
        assertThat(hep.spec().expectedIPs()).as("IPv4 first, Go's text form").containsExactly("10.0.0.5", "2001:db8::5");
        assertThat(hep.spec().profiles()).containsExactly("p1", "kns.default");
        assertThat(hep.spec().ports().getFirst().protocol().toString()).isEqualTo("TCP");
    }

    @Test
    void changedNamesGetTheSha1SuffixOfTheOriginal() {
        HostEndpoint hep = (HostEndpoint) convert("""
                {apiVersion: v1, kind: hostEndpoint, metadata: {name: Eth0, node: Host_1}, spec: {interfaceName: eth0}}
                """);
        assertThat(hep.spec().node()).as("node names are normalised without a suffix").isEqualTo("host-1");
        assertThat(hep.metadata().name()).isEqualTo("host-1.eth0-432521e8");

        GlobalNetworkPolicy gnp = (GlobalNetworkPolicy) convert("""
                {apiVersion: v1, kind: policy, metadata: {name: My.Policy_1}, spec: {selector: all()}}
                """);
        assertThat(gnp.metadata().name()).isEqualTo("my-policy-1-726828b5");

        Profile profile = (Profile) convert("{apiVersion: v1, kind: profile, metadata: {name: k8s_ns.My_NS}}");
        assertThat(profile.metadata().name()).isEqualTo("kns.my-ns-1e1763cc");
    }

    @Test
    void normalisationRules() {
        assertThat(V1Names.normalise("-A/b..-c_d.-")).isEqualTo("a.b.c-d");
        assertThat(V1Names.qualified("already.fine-1")).isEqualTo("already.fine-1");
        assertThat(V1Names.qualifiedNoDots("allow.SSH")).isEqualTo("allow-ssh-68c192c7");
        assertThat(V1Names.qualifiedNoDots("a.b")).as("dots alone also change the name").startsWith("a-b-").hasSize(12);
    }

    @Test
    void preDnatAndUntrackedPolicyAreForcedOntoForwardedTraffic() {
        GlobalNetworkPolicy preDnat = (GlobalNetworkPolicy) convert("""
                {apiVersion: v1, kind: policy, metadata: {name: p}, spec: {preDNAT: true, ingress: [{action: deny}]}}
                """);
        assertThat(preDnat.spec().applyOnForward()).isTrue();
        assertThat(preDnat.spec().types()).containsExactly(PolicyType.Ingress);

        GlobalNetworkPolicy untracked = (GlobalNetworkPolicy) convert("""
                {apiVersion: v1, kind: policy, metadata: {name: p}, spec: {doNotTrack: true, applyOnForward: false,
                 egress: [{action: allow}]}}
                """);
        assertThat(untracked.spec().applyOnForward()).isTrue();
        assertThat(untracked.spec().types()).as("inferred from the rules present").containsExactly(PolicyType.Egress);

        GlobalNetworkPolicy plain = (GlobalNetworkPolicy) convert("""
                {apiVersion: v1, kind: policy, metadata: {name: p}, spec: {types: [egress, Ingress]}}
                """);
        assertThat(plain.spec().applyOnForward()).isFalse();
        assertThat(plain.spec().types()).containsExactly(PolicyType.Egress, PolicyType.Ingress);
    }

    @Test
    void actionsProtocolsAndSelectorsAreRespelled() {
        GlobalNetworkPolicy gnp = (GlobalNetworkPolicy) convert("""
                apiVersion: v1
                kind: policy
                metadata: {name: p, annotations: {owner: ops}}
                spec:
                  order: 100
                  selector: calico/k8s_ns == 'prod'
                  ingress:
                  - {action: next-tier, protocol: tcp}
                  - {protocol: icmpv6, icmp: {type: 128}}
                  - {action: Log, protocol: udplite, notProtocol: 17}
                  - {action: pass, protocol: sctp}
                """);
        assertThat(gnp.metadata().annotations()).isEqualTo(Map.of("owner", "ops"));
        assertThat(gnp.spec().order()).isEqualTo(100.0);
        assertThat(gnp.spec().selector()).isEqualTo("projectcalico.org/namespace == 'prod'");
        assertThat(gnp.spec().ingress()).extracting(Rule::action)
                .containsExactly(Action.Pass, Action.Allow, Action.Log, Action.Pass);
        assertThat(gnp.spec().ingress()).extracting(r -> r.protocol().toString())
                .containsExactly("TCP", "ICMPv6", "UDPLite", "SCTP");
        assertThat(gnp.spec().ingress().get(1).icmp().type()).isEqualTo(128);
        assertThat(gnp.spec().ingress().get(2).notProtocol().number()).hasValue(17);
    }

    @Test
    void netsAreMergedAndMaskedAndTagsBecomeSelectorTerms() {
        GlobalNetworkPolicy gnp = (GlobalNetworkPolicy) convert("""
                apiVersion: v1
                kind: policy
                metadata: {name: p}
                spec:
                  ingress:
                  - action: allow
                    source:
                      net: 10.0.2.7/24
                      nets: [192.168.1.1, "2001:DB8:0:0:1::1/80"]
                      notNet: 172.16.5.5/12
                      tag: web
                      selector: role == 'app'
                      notTag: banned
                      ports: [80, "1000:2000", http]
                    destination:
                      notNets: [10.1.0.0/16]
                      notSelector: has(x)
                      notTag: quarantined
                """);
        var source = gnp.spec().ingress().getFirst().source();
        assertThat(source.nets()).containsExactly("192.168.1.1/32", "2001:db8:0:0:1::/80", "10.0.2.0/24");
        assertThat(source.notNets()).containsExactly("172.16.0.0/12");
        assertThat(source.selector()).isEqualTo("(role == 'app') && web == ''");
        assertThat(source.notSelector()).isEqualTo("banned == ''");
        assertThat(source.ports()).extracting(Object::toString).containsExactly("80", "1000:2000", "http");
        var destination = gnp.spec().ingress().getFirst().destination();
        assertThat(destination.notNets()).containsExactly("10.1.0.0/16");
        assertThat(destination.notSelector()).isEqualTo("(has(x)) && quarantined == ''");
    }

    @Test
    void profileLabelsAndTagsBecomeLabelsToApply() {
        Profile p = (Profile) convert("""
                apiVersion: v1
                kind: profile
                metadata: {name: frontend, labels: {tier: web}, tags: [public, edge]}
                spec:
                  ingress: [{action: allow, source: {tag: lb}}]
                  egress: [{action: allow}]
                """);
        assertThat(p.spec().labelsToApply()).isEqualTo(Map.of("tier", "web", "public", "", "edge", ""));
        assertThat(p.spec().ingress().getFirst().source().selector()).isEqualTo("lb == ''");
        assertThat(p.spec().egress()).containsExactly(Rule.of(Action.Allow));
    }

    @Test
    void errorsNameTheirPathsAndAreAllReportedAtOnce() {
        assertThat(errorsOf("""
                apiVersion: v1
                kind: policy
                metadata: {name: p, labels: {a: b}}
                spec:
                  types: [ingress, sideways]
                  ingress:
                  - action: permit
                    source: {nets: [10.0.0.0/33], bogus: 1}
                    destination: {net: not-a-net}
                  egress:
                  - {action: allow, icmp: {type: x}}
                """)).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "metadata.labels: unknown field \"labels\" in a v1 resource",
                "spec.types[1]: invalid policy type \"sideways\" (expected ingress or egress)",
                "spec.ingress[0].action: invalid action \"permit\" (expected allow, deny, log, pass or next-tier)",
                "spec.ingress[0].source.nets[0]: invalid network \"10.0.0.0/33\" (expected an IP or CIDR)",
                "spec.ingress[0].source.bogus: unknown field \"bogus\" in a v1 resource",
                "spec.ingress[0].destination.net: invalid network \"not-a-net\" (expected an IP or CIDR)",
                "spec.egress[0].icmp.type: expected an integer");
    }

    @Test
    void missingIdentityTagClashesAndUnconvertedKindsAreRefused() {
        assertThat(errorsOf("{apiVersion: v1, kind: hostEndpoint, metadata: {name: eth0}, spec: {expectedIPs: [1.2.3]}}"))
                .extracting(FieldError::toString)
                .containsExactlyInAnyOrder("metadata.node: required", "spec.expectedIPs[0]: invalid IP address \"1.2.3\"");
        assertThat(errorsOf("{apiVersion: v1, kind: profile, metadata: {name: p, labels: {web: x}, tags: [web]}}"))
                .singleElement().extracting(FieldError::path).isEqualTo("metadata.tags[0]");
        assertThat(errorsOf("{apiVersion: v1, kind: workloadEndpoint, metadata: {name: w}}"))
                .singleElement().extracting(FieldError::path).isEqualTo("kind");
        assertThat(errorsOf("{apiVersion: v1, kind: HostEndpoint, metadata: {name: w}}"))
                .singleElement().extracting(FieldError::message).asString().contains("unknown v1 kind");
        assertThatThrownBy(() -> new V1Converter().convert(codec.jsonMapper().createObjectNode().put("apiVersion", "v1")))
                .isInstanceOf(DecodeException.class).hasMessage("kind: required");
    }

    @Test
    void v1ListsAreFlattenedBeforeConversion() {
        List<Decoded> all = codec.decodeAll("""
                apiVersion: v1
                kind: policyList
                items:
                - {apiVersion: v1, kind: policy, metadata: {name: a}}
                - {apiVersion: v1, kind: policy, metadata: {name: b}}
                """);
        assertThat(all).allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.Ok.class))
                .extracting(d -> ((Decoded.Ok) d).resource().metadata().name()).containsExactly("a", "b");
        assertThat(all).extracting(d -> ((Decoded.Ok) d).convertedFrom()).containsOnly("v1");
    }
}
