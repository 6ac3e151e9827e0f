package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show resources: KIND [NAME...], the enforced revision of nodes: status [NODE...], or the hits"
                + " per policy rule: counters [POLICY...] [--node NODE] (online).")
public final class GetCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND")
    String kindWord;

    @Parameters(index = "1..*", paramLabel = "NAME")
    List<String> names = List.of();

    @Option(names = {"-o", "--output"}, defaultValue = "ps",
            description = "ps (default), wide, yaml, json or custom-columns=HEADING:.path,...")
    String output;

    @Option(names = {"-f", "--filename"}, description = "Get the resources named in this manifest file.")
    String file;

    @Option(names = "--skip-empty", description = "Print nothing (not even headings) when no resource matches.")
    boolean skipEmpty;

    @Mixin
    NamespaceOption namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Namespaced resources of every namespace.")
    boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, description = "Only resources whose labels match this Calico selector.")
    String selector;

    @Option(names = "--node", description = "With counters: only this node's.")
    String node;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("ps", "wide", "yaml", "yml", "json").contains(output) && !output.startsWith(CustomColumns.PREFIX)) {
            err.println("Failed to execute command: unrecognised output format '" + output
                    + "' (ps, wide, yaml, json, custom-columns=...)");
            return 1;
        }
        if (file != null) {
            return getNamedInFile(out, err);
        }
        if (kindWord == null) {
            err.println("Failed to execute command: a KIND or -f FILE is required");
            return 1;
        }
        if (NodeStatusTable.WORD.equals(kindWord)) {
            return getStatus(out, err);
        }
        if (RuleCountersTable.WORD.equals(kindWord)) {
            return getCounters(out, err);
        }
        Kind kind = KindArgument.parse(spec.commandLine(), kindWord);
        String ns = allNamespaces ? null : namespace.of(kind);
        ApiClient client = server.client();
        List<JsonNode> items = new ArrayList<>();
        if (names.isEmpty()) {
            String path = ApiClient.path(kind, ns, null)
                    + (selector == null ? "" : "?labelSelector=" + ApiClient.encode(selector));
            ApiClient.Reply reply = client.send("GET", path, null, null);
            if (!reply.ok()) {
                err.println("Failed to get resources: " + reply.error());
                return 1;
            }
            reply.json().path("items").forEach(items::add);
        } else {
            for (String name : names) {
                ApiClient.Reply reply = client.send("GET", ApiClient.path(kind, ns, name), null, null);
                if (!reply.ok()) {
                    err.println("Failed to get resources: " + reply.error());
                    return 1;
                }
                items.add(reply.json());
            }
        }
        if (skipEmpty && items.isEmpty()) {
            return 0;
        }
        out.print(render(kind, items));
        out.flush();
        return 0;
    }

    /** calicoctl's {@code get -f}: the stored version of every resource the file names, kind by kind. */
    private Integer getNamedInFile(PrintWriter out, PrintWriter err) throws IOException {
        Map<Kind, List<JsonNode>> byKind = new LinkedHashMap<>();
        ApiClient client = server.client();
        for (ManifestSources.Source source : ManifestSources.read(file, false, System.in)) {
            for (Decoded decoded : Manifests.codec().decodeAll(source.text())) {
                if (decoded instanceof Decoded.Failed failed) {
                    err.println("Failed to execute command: error with field " + failed.errors().getFirst()
                            + " (resource " + (failed.index() + 1) + " of " + source.name() + ")");
                    return 1;
                }
                Resource r = ManifestBatch.inNamespace(((Decoded.Ok) decoded).resource(), namespace);
                ApiClient.Reply reply = client.send("GET",
                        ApiClient.path(r.kind(), r.metadata().namespace(), r.metadata().name()), null, null);
                if (!reply.ok()) {
                    err.println("Failed to get resources: " + reply.error());
                    return 1;
                }
                byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(reply.json());
            }
        }
        for (Map.Entry<Kind, List<JsonNode>> e : byKind.entrySet()) {
            out.print(render(e.getKey(), e.getValue()));
        }
        out.flush();
        return 0;
    }

    private Integer getStatus(PrintWriter out, PrintWriter err) throws IOException {
        ApiClient client = server.client();
        ApiClient.Reply reply = client.send("GET", NodeStatusTable.PATH, null, null);
        if (!reply.ok()) {
            err.println("Failed to get node status: " + reply.error());
            return 1;
        }
        // the Node list says both the datastore revision and which nodes exist
        ApiClient.Reply nodeList = client.send("GET", ApiClient.path(Kind.NODE, null, null), null, null);
        long datastoreRevision = nodeList.ok()
                ? nodeList.json().path("metadata").path("resourceVersion").asLong(-1) : -1;
        List<String> existing = new ArrayList<>();
        if (nodeList.ok()) {
            nodeList.json().path("items").forEach(n -> existing.add(n.path("metadata").path("name").asText()));
        }
        List<JsonNode> nodes = new ArrayList<>();
        reply.json().path("items").forEach(n -> {
            if (names.isEmpty() || names.contains(n.path("node").asText())) {
                nodes.add(n);
            }
        });
        List<String> neverReported = existing.stream()
                .filter(name -> names.isEmpty() || names.contains(name))
                .filter(name -> nodes.stream().noneMatch(n -> name.equals(n.path("node").asText()))).toList();
        List<String> missing = names.stream().filter(name -> !neverReported.contains(name))
                .filter(name -> nodes.stream().noneMatch(n -> name.equals(n.path("node").asText()))).toList();
        if (!missing.isEmpty()) {
            err.println("Failed to get node status: no status reported by node(s) " + String.join(", ", missing));
            return 1;
        }
        if (isTable()) {
            out.print(NodeStatusTable.render(datastoreRevision, nodes, neverReported, "wide".equals(output)));
        } else {
            ObjectMapper mapper = new ObjectMapper();
            nodes.forEach(n -> ((ObjectNode) n).put("revisionsBehind",
                    NodeStatusTable.behind(datastoreRevision, n.path("enforcedRevision").asLong(-1))));
            ObjectNode list = mapper.createObjectNode();
            list.put("datastoreRevision", datastoreRevision);
            nodes.forEach(list.putArray("items")::add);
            neverReported.forEach(list.putArray("neverReported")::add);
            out.print(write(names.size() == 1 && nodes.size() == 1 ? nodes.getFirst() : list));
        }
        out.flush();
        return 0;
    }

    private Integer getCounters(PrintWriter out, PrintWriter err) throws IOException {
        ApiClient.Reply reply = server.client().send("GET", NodeStatusTable.PATH, null, null);
        if (!reply.ok()) {
            err.println("Failed to get rule counters: " + reply.error());
            return 1;
        }
        List<ObjectNode> items = RuleCountersTable.items(reply.json(), names, node);
        if (isTable()) {
            out.print(RuleCountersTable.render(items));
        } else {
            ObjectNode list = new ObjectMapper().createObjectNode();
            items.forEach(list.putArray("items")::add);
            out.print(write(list));
        }
        out.flush();
        return 0;
    }

    private boolean isTable() {
        return "ps".equals(output) || "wide".equals(output);
    }

    private String render(Kind kind, List<JsonNode> items) throws IOException {
        if (output.startsWith(CustomColumns.PREFIX)) {
            return CustomColumns.parse(output.substring(CustomColumns.PREFIX.length())).render(items);
        }
        return isTable()
                ? ResourceTable.render(kind, items, "wide".equals(output), allNamespaces)
                : write(single(kind, items));
    }

    private String write(JsonNode document) throws IOException {
        return "json".equals(output)
                ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n"
                : Manifests.codec().toYaml(document);
    }

    /** One named resource prints as itself; anything else as a {@code <Kind>List}, as calicoctl does. */
    private JsonNode single(Kind kind, List<JsonNode> items) {
        if (names.size() == 1 && items.size() == 1) {
            return items.getFirst();
        }
        ObjectNode list = new ObjectMapper().createObjectNode();
        list.put("apiVersion", kind.apiVersion());
        list.put("kind", kind.kindName() + "List");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }
}
