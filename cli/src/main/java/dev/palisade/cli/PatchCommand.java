package dev.palisade.cli;

import dev.palisade.model.resource.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "patch", mixinStandardHelpOptions = true,
        description = "Apply a JSON merge patch to one resource: KIND NAME -p PATCH (online).")
public final class PatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND")
    String kindWord;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = {"-p", "--patch"}, required = true, description = "The patch, as JSON.")
    String patch;

    @Option(names = {"-t", "--type"}, defaultValue = "merge", description = "Patch type; only merge is supported.")
    String type;

    @Option(names = {"-n", "--namespace"}, description = "Namespace of a namespaced resource (default: default).")
    String namespace;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Kind kind = KindArgument.parse(spec.commandLine(), kindWord);
        if (!"merge".equals(type)) {
            spec.commandLine().getErr().println("Failed to patch '" + kind.kindName()
                    + "' resource: [patch type '" + type + "' is not supported; use merge]");
            return 1;
        }
        String ns = kind.namespaced() ? (namespace == null ? "default" : namespace) : null;
        ApiClient.Reply reply = server.client().send("PATCH", ApiClient.path(kind, ns, name),
                "application/merge-patch+json", patch);
        if (!reply.ok()) {
            spec.commandLine().getErr().println("Failed to patch '" + kind.kindName() + "' resource: [" + reply.error() + "]");
            return 1;
        }
        spec.commandLine().getOut().println("Successfully patched 1 '" + kind.kindName() + "' resource");
        return 0;
    }
}
