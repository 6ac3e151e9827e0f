package dev.palisade.cli;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PalisadeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private int runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void convertsTheSeedsV1ManifestsToAV3Stream() {
        Path seeds = Path.of("").toAbsolutePath().getParent().resolve("examples/seeds");
        assertThat(run("convert", "-f", seeds.resolve("000-policies-prednat-sequence.yaml").toString())).isZero();
        assertThat(err.toString()).isEmpty();
        String yaml = out.toString();
        assertThat(yaml).contains("---\n").doesNotContain("apiVersion: v1");
        var resources = new ResourceCodec().decodeAll(yaml).stream()
                .map(d -> ((dev.palisade.model.codec.Decoded.Ok) d).resource()).toList();
        assertThat(resources).extracting(r -> r.metadata().name())
                .containsExactly("allow-cluster-internal-ingress", "drop-other-ingress");
        assertThat(resources).allSatisfy(r -> assertThat(((GlobalNetworkPolicy) r).spec().applyOnForward()).isTrue());
    }

    @Test
    void readsStandardInputAndPassesV3Through() {
        String v3 = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h}
                spec: {node: n, interfaceName: eth0}
                """;
        assertThat(runWithStdin("apiVersion: v1\nkind: hostEndpoint\nmetadata: {name: eth0, node: host1}\n"
                + "spec: {interfaceName: eth0}\n---\n" + v3, "convert", "-f", "-")).isZero();
        ResourceCodec codec = new ResourceCodec();
        Resource converted = codec.decodeSingle(out.toString().split("---\n")[0]);
        assertThat(converted).isInstanceOfSatisfying(HostEndpoint.class, hep -> {
            assertThat(hep.metadata().name()).isEqualTo("host1.eth0");
            assertThat(hep.spec().node()).isEqualTo("host1");
        });
        assertThat(codec.decodeSingle(out.toString().split("---\n")[1])).isEqualTo(codec.decodeSingle(v3));
    }

    @Test
    void errorsNameTheResourceAndPathAndNothingIsPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: policy
                metadata: {name: ok}
                ---
                apiVersion: v1
                kind: policy
                metadata: {name: broken}
                spec:
                  ingress: [{action: permit}]
                ---
                - apiVersion: v1
                  kind: profile
                  spec: {colour: red}
                """);
        assertThat(run("convert", "-f", file.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                "palisade convert: " + file + ": resource 2 (policy \"broken\"): spec.ingress[0].action: invalid action"
                        + " \"permit\" (expected allow, deny, log, pass or next-tier)",
                "palisade convert: " + file + ": resource 3 (profile): metadata.name: required",
                "palisade convert: " + file + ": resource 3 (profile): spec.colour: unknown field \"colour\" in a v1 resource");
    }

    @Test
    void unreadableOrEmptyInputFails(@TempDir Path dir) {
        assertThat(run("convert", "-f", dir.resolve("missing.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read").contains("missing.yaml");
        assertThat(runWithStdin("# nothing here\n", "convert", "-f", "-")).isEqualTo(1);
        assertThat(err.toString()).contains("<stdin>: no resources found");
    }
}
