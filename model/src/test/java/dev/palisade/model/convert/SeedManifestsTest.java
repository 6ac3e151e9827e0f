package dev.palisade.model.convert;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.testsupport.SharedFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of the seed tutorials ({@code examples/seeds/}) and of the spec: each really comes from its
 * source, decodes (v1 through the converter), and survives decode → encode → decode unchanged.
 */
class SeedManifestsTest {

    private static final Pattern SPEC_YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SPEC_INLINE_V1 = Pattern.compile("`(\\{apiVersion: v1,.*?})`", Pattern.DOTALL);

    private final ResourceCodec converting = new ResourceCodec(new V1Converter());
    private final ResourceCodec v3Only = new ResourceCodec();

    @TestFactory
    Stream<DynamicTest> everySeedManifestComesFromItsSeedAndRoundTrips() throws IOException {
        List<Path> files = seedManifests();
        assertThat(files).as("extracted seed manifests").hasSizeGreaterThanOrEqualTo(12);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file);
            assertComesFromSeed(file, text);
            List<Resource> decoded = decodeAll(text);
            assertThat(decoded).isNotEmpty();
            assertStableRoundTrip(decoded);
        }));
    }

    @Test
    void seed000sV1ManifestsConvertToTheExpectedV3() throws IOException {
        String v1 = Stream.of("000-hostendpoint-host1-eth0.yaml", "000-policy-deny-host-access-on-worker.yaml",
                        "000-policies-prednat-sequence.yaml")
                .map(name -> read(SharedFiles.repository("examples/seeds/" + name)))
                .collect(Collectors.joining("---\n"));
        List<Decoded> converted = converting.decodeAll(v1);
        assertThat(converted).allSatisfy(d -> assertThat(d).isInstanceOfSatisfying(Decoded.Ok.class,
                ok -> assertThat(ok.convertedFrom()).isEqualTo("v1")));
        List<Resource> expected = decodeAll(v3Only, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: host1.eth0
                  labels: {nodetype: worker}
                spec:
                  node: host1
                  interfaceName: eth0
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata:
                  name: deny-host-access-on-worker
                spec:
                  selector: nodetype == 'worker'
                  types: [Ingress, Egress]
                  ingress:
                  - action: Deny
                    source:
                      notNets: [10.0.2.0/24]
                  egress:
                  - action: Allow
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata:
                  name: allow-cluster-internal-ingress
                spec:
                  order: 10
                  selector: has(host-endpoint)
                  preDNAT: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress:
                  - action: Allow
                    source:
                      nets: [10.0.2.0/24, 172.16.0.0/16]
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata:
                  name: drop-other-ingress
                spec:
                  order: 20
                  selector: has(host-endpoint)
                  preDNAT: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress:
                  - action: Deny
                """);
        assertThat(converted).extracting(d -> ((Decoded.Ok) d).resource()).containsExactlyElementsOf(expected);
    }

    @TestFactory
    Stream<DynamicTest> specExamplesDecodeAndRoundTrip() throws IOException {
        String spec = Files.readString(SharedFiles.resolve("spec/calico-hep.md"));
        List<String> examples = new ArrayList<>();
        Matcher blocks = SPEC_YAML_BLOCK.matcher(spec);
        while (blocks.find()) {
            if (blocks.group(1).contains("apiVersion:")) {
                examples.add(blocks.group(1));
            }
        }
        Matcher inline = SPEC_INLINE_V1.matcher(spec);
        while (inline.find()) {
            examples.add(inline.group(1));
        }
        assertThat(examples).as("v3 YAML blocks and inline v1 examples of the spec").hasSizeGreaterThanOrEqualTo(4);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.lines().findFirst().orElseThrow(), () -> {
            List<Resource> decoded = decodeAll(example);
            assertThat(decoded).hasSize(1);
            assertStableRoundTrip(decoded);
        }));
    }

    @Test
    void specV1ExamplesConvertAsSection110Says() throws IOException {
        String spec = Files.readString(SharedFiles.resolve("spec/calico-hep.md"));
        Matcher inline = SPEC_INLINE_V1.matcher(spec);
        List<Resource> converted = new ArrayList<>();
        while (inline.find()) {
            converted.addAll(decodeAll(inline.group(1)));
        }
        assertThat(converted).containsExactlyElementsOf(decodeAll(v3Only, """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: host1.eth0, labels: {role: db}}
                spec: {node: host1, interfaceName: eth0, expectedIPs: [10.0.0.5], profiles: [p1]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: db}
                spec:
                  order: 100
                  selector: role == 'db'
                  types: [Ingress, Egress]
                  ingress:
                  - {action: Allow, protocol: TCP, source: {selector: "role == 'app'"}, destination: {ports: [5432]}}
                  egress: [{action: Allow}]
                """));
    }

    private static void assertComesFromSeed(Path file, String text) throws IOException {
        String number = file.getFileName().toString().substring(0, 3);
        Set<String> seedLines = Files.readAllLines(SharedFiles.seed(number)).stream().map(String::trim)
                .collect(Collectors.toSet());
        assertThat(text.lines().map(String::trim).filter(l -> !l.isEmpty()))
                .as("lines of %s found in seed %s", file.getFileName(), number)
                .allSatisfy(line -> assertThat(seedLines).contains(line));
    }

    private void assertStableRoundTrip(List<Resource> decoded) {
        String encoded = converting.toYaml(decoded);
        List<Resource> again = decodeAll(v3Only, encoded);
        assertThat(again).isEqualTo(decoded);
        assertThat(v3Only.toYaml(again)).isEqualTo(encoded);
    }

    private List<Resource> decodeAll(String text) {
        return decodeAll(converting, text);
    }

    private static List<Resource> decodeAll(ResourceCodec codec, String text) {
        return codec.decodeAll(text).stream().map(d -> switch (d) {
            case Decoded.Ok ok -> ok.resource();
            case Decoded.Failed f -> throw new AssertionError("resource " + d.index() + " did not decode: " + f.errors());
        }).toList();
    }

    private static List<Path> seedManifests() throws IOException {
        try (Stream<Path> files = Files.list(SharedFiles.repository("examples/seeds"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
