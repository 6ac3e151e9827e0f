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

/** {@code palisade promote sgnp NAME}: the staged policy becomes the enforced one, through the lockout guard. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Turn a staged policy into the real one (stagedAction Set stores it, Delete deletes it) (online).")
public final class PromoteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "sgnp (StagedGlobalNetworkPolicy) or snp")
    String kindWord;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

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
        Kind kind = KindArgument.parse(spec.commandLine(), kindWord);
        String path = "/apis/palisade.dev/v1/promote/"
                + (kind.namespaced() ? "namespaces/" + ApiClient.encode(namespace.orDefault()) + "/"
                : "") + kind.plural() + "/" + ApiClient.encode(name);
        ApiClient client = server.client();
        ApiClient.Reply reply = client.send("POST", force.on(path), null, null);
        client.takeWarnings().forEach(w -> spec.commandLine().getErr().println("Warning: " + w));
        if (!reply.ok()) {
            spec.commandLine().getErr().println("Failed to promote '" + kind.kindName() + "' " + name + ": ["
                    + reply.error() + "]");
            return 1;
        }
        spec.commandLine().getOut().println("Successfully promoted " + kind.kindName() + " " + name + " ("
                + reply.json().path("kind").asText() + " " + reply.json().path("metadata").path("name").asText() + ")");
        return 0;
    }
}
