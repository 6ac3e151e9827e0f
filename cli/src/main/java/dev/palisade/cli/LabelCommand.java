package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.resource.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Set or remove one label: KIND NAME key=value | KIND NAME key --remove (online).")
public final class LabelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND")
    String kindWord;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "key[=value]")
    String label;

    @Option(names = "--overwrite", description = "Replace the value of an existing label.")
    boolean overwrite;

    @Option(names = "--remove", description = "Remove the label.")
    boolean remove;

    @Mixin
    NamespaceOption namespace;

    @Mixin
    ServerOptions server;

    @Mixin
    ForceOption force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Kind kind = KindArgument.parse(spec.commandLine(), kindWord);
        String ns = namespace.of(kind);
        int eq = label.indexOf('=');
        String key = eq < 0 ? label : label.substring(0, eq);
        if (!remove && eq < 0) {
            err.println("Failed to execute command: expected key=value, or key with --remove");
            return 1;
        }
        ApiClient client = server.client();
        ApiClient.Reply current = client.send("GET", ApiClient.path(kind, ns, name), null, null);
        if (!current.ok()) {
            err.println("Failed to get resource: " + current.error());
            return 1;
        }
        JsonNode resource = current.json();
        JsonNode labels = resource.path("metadata").path("labels");
        if (remove && !labels.has(key)) {
            err.println("Failed to remove label: label " + key + " is not present");
            return 1;
        }
        if (!remove && labels.has(key) && !overwrite) {
            err.println("Failed to set label: key " + key + " is already present; use --overwrite to change it");
            return 1;
        }
        ObjectNode meta = (ObjectNode) resource.path("metadata");
        ObjectNode newLabels = labels.isObject() ? (ObjectNode) labels : meta.putObject("labels");
        if (remove) {
            newLabels.remove(key);
        } else {
            newLabels.put(key, label.substring(eq + 1));
        }
        meta.set("labels", newLabels);
        ApiClient.Reply replaced = client.send("PUT", force.on(ApiClient.path(kind, ns, name)), "application/json",
                resource.toString());
        if (!replaced.ok()) {
            err.println("Failed to update label: " + replaced.error());
            return 1;
        }
        spec.commandLine().getOut().println(remove
                ? "Successfully removed label " + key + " from " + kind.plural() + " " + name
                : "Successfully set label " + key + " on " + kind.plural() + " " + name);
        return 0;
    }
}
