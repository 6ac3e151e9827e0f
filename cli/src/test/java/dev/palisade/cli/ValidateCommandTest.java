package dev.palisade.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    private static final String VALID_HEP = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {role: worker}}
            spec: {node: node1, interfaceName: eth0, expectedIPs: [198.18.0.11]}
            """;
    private static final String VALID_GNP = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: allow-ssh}
            spec:
              selector: role == 'worker'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [22]}}]
            """;
    private static final String BROKEN_GNP = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: broken}
            spec:
              doNotTrack: true
              ingress:
              - action: Allow
              - {action: Allow, protocol: TCP, destination: {ports: ["90:80"]}}
            """;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run palisade(String... args) {
        return run(PalisadeCli.newCommandLine(), args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validFileSucceeds() throws IOException {
        Path f = write("ok.yaml", VALID_HEP + "---\n" + VALID_GNP);
        Run r = palisade("validate", "-f", f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Successfully validated 2 resource(s)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyErrorIsPrintedWithKindNamePathAndReason() throws IOException {
        Path f = write("bad.yaml", VALID_HEP + "---\n" + BROKEN_GNP);
        Run r = palisade("validate", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("""
                GlobalNetworkPolicy/broken: spec.ingress[1].destination.ports[0]: port range invalid
                GlobalNetworkPolicy/broken: spec.applyOnForward: applyOnForward must be true if either preDNAT or doNotTrack is true
                1 of 2 resource(s) invalid
                """);
        assertThat(r.out()).doesNotContain("Successfully");
    }

    @Test
    void decodeErrorsAreReportedLikeValidationErrors() throws IOException {
        Path f = write("bad.yaml", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h}
                spec: {node: n1, interfaceNam: eth0}
                """);
        Run r = palisade("validate", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("HostEndpoint/h: spec.interfaceNam: unknown field \"interfaceNam\"\n");
    }

    @Test
    void directoryIsReadSortedAndNamesFiles() throws IOException {
        write("b.yml", BROKEN_GNP);
        write("a.json", """
                {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkSet", "metadata": {"name": "s"},
                 "spec": {"nets": ["198.18.0.0/33"]}}
                """);
        write("notes.txt", "not a manifest");
        write("sub/c.yaml", VALID_HEP);
        Run r = palisade("validate", "-f", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly(
                dir.resolve("a.json") + ": GlobalNetworkSet/s: spec.nets[0]: invalid CIDR",
                dir.resolve("b.yml") + ": GlobalNetworkPolicy/broken: spec.ingress[1].destination.ports[0]: "
                        + "port range invalid",
                dir.resolve("b.yml") + ": GlobalNetworkPolicy/broken: spec.applyOnForward: applyOnForward must be"
                        + " true if either preDNAT or doNotTrack is true",
                "2 of 2 resource(s) invalid");
    }

    @Test
    void recursiveDirectoryIncludesSubdirectories() throws IOException {
        write("a.yaml", VALID_GNP);
        write("sub/deeper/c.yaml", VALID_HEP);
        assertThat(palisade("validate", "-f", dir.toString()).out())
                .isEqualTo("Successfully validated 1 resource(s)\n");
        Run r = palisade("validate", "-R", "-f", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Successfully validated 2 resource(s)\n");
    }

    @Test
    void readsStdin() {
        var cmd = new CommandLine(new ValidateCommand(
                new ByteArrayInputStream(BROKEN_GNP.getBytes(StandardCharsets.UTF_8))));
        Run r = run(cmd, "-f", "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("GlobalNetworkPolicy/broken: spec.ingress[1].destination.ports[0]");

        var ok = new CommandLine(new ValidateCommand(
                new ByteArrayInputStream(VALID_GNP.getBytes(StandardCharsets.UTF_8))));
        assertThat(run(ok, "-f", "-").exitCode()).isZero();
    }

    @Test
    void missingFileAndEmptyDirectoryAreErrors() throws IOException {
        Run missing = palisade("validate", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.yaml: no such file or directory");
        Files.createDirectories(dir.resolve("empty"));
        Run empty = palisade("validate", "-f", dir.resolve("empty").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("no *.yaml, *.yml or *.json files");
    }

    @Test
    void everySeedManifestValidatesAndLegacyOnesSaySoAfterConversion() {
        Path seeds = Path.of("..", "examples", "seeds");
        Run r = palisade("validate", "-f", seeds.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(
                seeds.resolve("000-hostendpoint-host1-eth0.yaml") + ": HostEndpoint/host1.eth0 (converted from v1): valid");
        assertThat(r.out().lines().filter(l -> l.contains("(converted from v1): valid"))).hasSize(4);
        assertThat(r.out()).endsWith("Successfully validated 13 resource(s)\n");
    }

    @Test
    void convertedResourceErrorsSayTheyWereConverted() throws IOException {
        Path f = write("v1.yaml", """
                apiVersion: v1
                kind: policy
                metadata: {name: db}
                spec:
                  selector: "role == 'db'"
                  ingress: [{action: allow, protocol: tcp, destination: {ports: ["5432:5431"]}}]
                """);
        Run r = palisade("validate", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("GlobalNetworkPolicy/db (converted from v1): "
                + "spec.ingress[0].destination.ports[0]: port range invalid\n");
    }

    @Test
    void fileOptionIsRequired() {
        Run r = palisade("validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--filename=FILE|DIR|-'");
    }
}
