package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    private static final String RESOURCES = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n1}
            spec: {interfaces: [{name: eth0, addresses: [198.18.0.1/24]}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: n1-eth0, labels: {role: web}}
            spec: {node: n1, interfaceName: eth0, expectedIPs: [198.18.0.1]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: web}
            spec:
              selector: role == 'web'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [8888]}}]
            """;
    private static final String ALLOWED = "{\"node\":\"n1\",\"in\":\"eth0\",\"out\":\"local\",\"src\":\"198.18.0.9\","
            + "\"dst\":\"198.18.0.1\",\"proto\":\"TCP\",\"dstPort\":8888}";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run simulate(String stdin, boolean terminal, String... args) throws IOException {
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, RESOURCES);
        CommandLine cmd = new CommandLine(new SimulateCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "-f";
        all[1] = resources.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    @Test
    void answersEveryJsonLineInOrderAndBadLinesDoNotStopTheStream() throws IOException {
        String input = String.join("\n", ALLOWED,
                ALLOWED.replace("\"dstPort\":8888", "\"dstPort\":8889"),
                ALLOWED.replace("\"proto\"", "\"protocol\""),
                ALLOWED.replace("198.18.0.9", "198.18.0.999"),
                ALLOWED.replace("\"n1\"", "\"n9\""),
                "not json",
                ALLOWED) + "\n";
        Run run = simulate(input, false);
        List<JsonNode> lines = run.out().lines().map(SimulateCommandTest::parse).toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0).path("verdict").asText()).isEqualTo("allow");
        assertThat(lines.get(0).path("decidedBy").path("stage").asText()).isEqualTo("normal-ingress");
        assertThat(lines.get(0).path("decidedBy").path("decision").path("name").asText()).isEqualTo("web");
        assertThat(lines.get(0).path("decidedBy").path("decision").path("ruleIndex").asInt()).isZero();
        assertThat(lines.get(0).path("trace").size()).isEqualTo(3);
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("deny");
        assertThat(lines.get(1).path("decidedBy").path("decision").path("type").asText()).isEqualTo("end-of-tier");
        assertThat(lines.get(2).path("error").asText()).contains("protocol: unknown field").contains("proto: is required");
        assertThat(lines.get(3).path("errors").get(0).path("field").asText()).isEqualTo("src");
        assertThat(lines.get(4).path("error").asText()).contains("unknown node \"n9\"");
        assertThat(lines.get(5).path("error").asText()).startsWith("not JSON");
        assertThat(lines.get(6).path("verdict").asText()).isEqualTo("allow");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void onePacketIsATableForAPersonOnATerminal() throws IOException {
        Run run = simulate("", true, "--packet",
                "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,dstPort=22");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ALLOW at normal-ingress (eth0, n1-eth0): failsafe ingress tcp:22")
                .contains("STAGE").contains("untracked-ingress").contains("pre-dnat-ingress");
    }

    @Test
    void outputJsonWinsOverTheTerminal() throws IOException {
        Run run = simulate("", true, "--output", "json", "--packet",
                "node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=UDP,dstPort=9");
        JsonNode v = parse(run.out().strip());
        assertThat(v.path("verdict").asText()).isEqualTo("deny");
        assertThat(v.path("decidedBy").path("decision").path("tier").asText()).isEqualTo("default");
    }

    @Test
    void aBadPacketOptionSaysWhichField() throws IOException {
        Run run = simulate("", false, "--packet", "node=n1,in=eth0,out=local,src=198.18.0.9,dst=x,proto=TCP");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(parse(run.out().strip()).path("errors").get(0).path("field").asText()).isEqualTo("dst");
    }

    @Test
    void invalidResourcesStopBeforeAnyPacket() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: broken}
                spec: {selector: "a == 'global('"}
                """);
        CommandLine cmd = new CommandLine(new SimulateCommand(new ByteArrayInputStream(ALLOWED.getBytes()), false));
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute("-f", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("GlobalNetworkPolicy/broken").contains("spec.selector");
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
