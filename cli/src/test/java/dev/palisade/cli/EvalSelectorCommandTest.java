package dev.palisade.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class EvalSelectorCommandTest {

    @Test
    void answersEachLineInOrderAndSurvivesAMalformedLine() {
        String input = """
                {"selector": "role == 'db'", "labels": {"role": "db"}}
                {"selector": "role == 'db'", "labels": {"role": "web"}}
                {"selector": "a ==
                {"selector": "has(a) && b not in {}", "labels": {"a": ""}}
                {"selector": "a == ", "labels": {}}
                """;
        Run run = run(input);

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(5);
        assertThat(run.lines().get(0)).isEqualTo("{\"match\":true}");
        assertThat(run.lines().get(1)).isEqualTo("{\"match\":false}");
        assertThat(run.lines().get(2)).startsWith("{\"error\":\"line 3: invalid JSON at column ");
        assertThat(run.lines().get(3)).isEqualTo("{\"match\":true}");
        assertThat(run.lines().get(4)).isEqualTo(
                "{\"error\":\"selector \\\"a == \\\" at position 5: expected a quoted string,"
                        + " found the end of the selector\"}");
    }

    @Test
    void canonicalAddsFormAndId() {
        Run run = run("{\"selector\": \" (all() )\", \"labels\": {}}\n"
                + "{\"selector\": \"a in {'z', \\\"y\\\"}\", \"labels\": {\"a\": \"y\"}}\n", "--canonical");
        assertThat(run.lines()).containsExactly(
                "{\"match\":true,\"canonical\":\"all()\",\"id\":\"s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug\"}",
                "{\"match\":true,\"canonical\":\"a in {\\\"y\\\", \\\"z\\\"}\",\"id\":\""
                        + dev.palisade.model.selector.Selectors.parse("a in {'y', 'z'}").uniqueId() + "\"}");
    }

    @Test
    void namesWhatIsWrongWithARequest() {
        Run run = run("""
                [1, 2]
                {"labels": {}}
                {"selector": "has(a)", "labels": ["a"]}
                {"selector": "has(a)", "labels": {"a": 1}}
                {"selector": "has(a)"}
                {"selector": "has(a)", "labels": {}} trailing

                """);
        assertThat(run.lines()).containsExactly(
                "{\"error\":\"line 1: expected a JSON object {\\\"selector\\\": \\\"...\\\", \\\"labels\\\": {...}}\"}",
                "{\"error\":\"line 2: \\\"selector\\\" must be a string\"}",
                "{\"error\":\"line 3: \\\"labels\\\" must be an object of strings\"}",
                "{\"error\":\"line 4: labels.a must be a string\"}",
                "{\"match\":false}",
                run.lines().get(5),
                "{\"error\":\"line 7: expected a JSON object {\\\"selector\\\": \\\"...\\\", \\\"labels\\\": {...}}\"}");
        assertThat(run.lines().get(5)).startsWith("{\"error\":\"line 6: invalid JSON at column ");
    }

    @Test
    void isRegisteredAndReadsTheProcessStandardStreams() {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(
                    "{\"selector\": \"!has(x)\", \"labels\": {\"x\": \"1\"}}\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exitCode = PalisadeCli.newCommandLine().execute("eval-selector");
            assertThat(exitCode).isZero();
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("{\"match\":false}\n");
    }

    @Test
    void lruCacheEvictsTheLeastRecentlyUsed() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.computeIfAbsent("a", String::length);
        cache.computeIfAbsent("bb", String::length);
        cache.computeIfAbsent("a", key -> -1);
        cache.computeIfAbsent("ccc", String::length);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.computeIfAbsent("a", key -> -1)).isEqualTo(1);
        assertThat(cache.computeIfAbsent("bb", key -> -1)).isEqualTo(-1);
    }

    private record Run(int exitCode, List<String> lines) {
    }

    private static Run run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EvalSelectorCommand command = new EvalSelectorCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        int exitCode = new CommandLine(command).execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
