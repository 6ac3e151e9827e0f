package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code palisade audit}: accepted changes, newest first, from ingest-service's {@code GET /audit}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show who changed what: [--kind KIND] [--name NAME] [--since TIME] (online).")
public final class AuditCommand implements Callable<Integer> {

    @Option(names = "--kind", description = "Only this kind (any name calicoctl accepts: gnp, hep, ...).")
    String kindWord;

    @Option(names = "--name", description = "Only resources of this name.")
    String name;

    @Option(names = "--since", description = "Only changes at or after this time (RFC 3339, e.g. 2026-12-04T10:00:00Z).")
    String since;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (1-1000, default 100).")
    int limit;

    @Option(names = {"-o", "--output"}, defaultValue = "ps", description = "ps (default), yaml or json.")
    String output;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder query = new StringBuilder("/audit?limit=").append(limit);
        if (kindWord != null) {
            query.append("&kind=").append(KindArgument.parse(spec.commandLine(), kindWord).kindName());
        }
        if (name != null) {
            query.append("&name=").append(ApiClient.encode(name));
        }
        if (since != null) {
            query.append("&since=").append(ApiClient.encode(since));
        }
        ApiClient.Reply reply = server.client().send("GET", query.toString(), null, null);
        if (!reply.ok()) {
            spec.commandLine().getErr().println("Failed to get audit entries: " + reply.error());
            return 1;
        }
        JsonNode page = reply.json();
        switch (output) {
            case "json" -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(page));
            case "yaml", "yml" -> out.print(Manifests.codec().toYaml(page));
            default -> out.print(table(page.path("items")));
        }
        out.flush();
        return 0;
    }

    private static String table(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("REVISION", "TIME", "ACTOR", "OPERATION", "KIND", "NAME"));
        for (JsonNode e : items) {
            String ns = e.path("namespace").isTextual() ? e.path("namespace").asText() + "/" : "";
            rows.add(List.of(e.path("revision").asText(), e.path("time").asText(), e.path("actor").asText(),
                    e.path("operation").asText(), e.path("kind").asText(), ns + e.path("name").asText()));
        }
        return ResourceTable.layout(rows);
    }
}
