package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.semantics.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code palisade preview -f FILE} or {@code palisade preview sgnp NAME...}: what promoting staged policies
 * would change — host endpoints selected, and every protected or given flow whose verdict flips — asked of
 * the server, which simulates on the stored resources. Nothing is written.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Show what enforcing staged policies would change, before promoting them (online).",
        footer = {"", "Flows file: one packet per line, k=v,... as 'simulate --packet' takes, or a JSON object."})
public final class PreviewCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "sgnp or snp (stored staged policies)")
    String kindWord;

    @Parameters(index = "1..*", paramLabel = "NAME")
    List<String> names = List.of();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|-", description = "Staged policies to preview (not stored).")
    String file;

    @Option(names = "--flows", paramLabel = "FILE", description = "More flows to compare, one packet per line.")
    Path flows;

    @Mixin
    NamespaceOption namespace;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json")
    String output;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (file == null && (kindWord == null || names.isEmpty())) {
            err.println("Failed to execute command: give -f FILE, or a staged kind (sgnp, snp) and names");
            return 1;
        }
        ObjectNode request = json.createObjectNode();
        if (file != null) {
            StringBuilder text = new StringBuilder();
            for (ManifestSources.Source source : ManifestSources.read(file, false, System.in)) {
                text.append(source.text()).append("\n---\n");
            }
            request.put("policies", text.toString());
        }
        if (kindWord != null) {
            Kind kind = KindArgument.parse(spec.commandLine(), kindWord);
            ArrayNode staged = request.putArray("staged");
            names.forEach(n -> staged.addObject().put("kind", kind.kindName())
                    .put("namespace", namespace.orDefault()).put("name", n));
        }
        if (flows != null) {
            ArrayNode list = request.putArray("flows");
            for (String line : Files.readAllLines(flows)) {
                if (!line.isBlank()) {
                    list.add(line.strip().startsWith("{") ? json.readTree(line) : json.getNodeFactory().textNode(line.strip()));
                }
            }
        }
        ApiClient.Reply reply = server.client().send("POST", "/apis/palisade.dev/v1/preview", "application/json",
                request.toString());
        if (!reply.ok()) {
            err.println("Failed to preview: [" + reply.error() + "]");
            return 1;
        }
        JsonNode report = reply.json();
        out.print("json".equals(output) ? report.toPrettyString() + "\n" : table(report));
        return 0;
    }

    private String table(JsonNode report) throws IOException {
        List<List<String>> selections = new ArrayList<>();
        selections.add(List.of("STAGED POLICY", "ACTION", "HOST ENDPOINTS ADDED", "REMOVED"));
        for (JsonNode s : report.path("selections")) {
            selections.add(List.of(s.path("kind").asText() + "/" + s.path("name").asText(),
                    s.path("stagedAction").asText(), list(s.path("added")), list(s.path("removed"))));
        }
        StringBuilder out = new StringBuilder(ResourceTable.layout(selections)).append('\n');
        JsonNode changes = report.path("changes");
        out.append(report.path("probes").asInt()).append(" flows compared, ").append(changes.size())
                .append(changes.size() == 1 ? " verdict changes" : " verdicts change").append(changes.isEmpty() ? "\n" : ":\n");
        if (!changes.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("FLOW", "PACKET", "BEFORE", "AFTER", "DECIDED BY (AFTER)"));
            for (JsonNode c : changes) {
                Step after = json.treeToValue(c.path("decidedAfter"), Step.class);
                rows.add(List.of(c.path("flow").asText(), c.path("packet").asText(), c.path("before").asText(),
                        c.path("after").asText(), after.stage().id()
                        + (after.hostEndpoint() == null ? "" : " " + after.hostEndpoint()) + ": "
                        + after.decision().describe()));
            }
            out.append(ResourceTable.layout(rows));
        }
        return out.toString();
    }

    private static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.asText()));
        return items.isEmpty() ? "-" : String.join(",", items);
    }
}
