package dev.palisade.cli;

import dev.palisade.model.resource.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete resources named in manifests (-f) or on the command line: KIND NAME... (online).")
public final class DeleteCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", description = "Manifests naming what to delete.")
    String file;

    @Option(names = {"-R", "--recursive"}, description = "With a directory, also read its subdirectories.")
    boolean recursive;

    @Mixin
    NamespaceOption namespace;

    @Option(names = {"-s", "--skip-not-exists"}, description = "Do not fail on resources that do not exist.")
    boolean skipNotExists;

    @Parameters(paramLabel = "KIND NAME", arity = "0..*")
    List<String> words = List.of();

    @Mixin
    ServerOptions server;

    @Mixin
    ForceOption force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (file != null) {
            return ManifestBatch.run(file, recursive, namespace, System.in, server, "delete", "deleted",
                    (client, resource) -> delete(client, resource.kind(), resource.metadata().namespace(),
                            resource.metadata().name()), out, err);
        }
        if (words.size() < 2) {
            err.println("Failed to execute command: give -f FILE, or a resource type and at least one name");
            return 1;
        }
        Kind kind = KindArgument.parse(spec.commandLine(), words.getFirst());
        List<String> names = words.subList(1, words.size());
        ApiClient client = server.client();
        String ns = namespace.of(kind);
        for (int i = 0; i < names.size(); i++) {
            String error = delete(client, kind, ns, names.get(i));
            if (error != null) {
                err.println(i == 0 ? ApiClient.failure("delete", kind.kindName(), error)
                        : "Partial success: deleted the first " + i + " out of " + names.size() + " '"
                        + kind.kindName() + "' resources:\nHit error: " + error);
                return 1;
            }
        }
        out.println("Successfully deleted " + names.size() + " '" + kind.kindName() + "' resource(s)");
        return 0;
    }

    private String delete(ApiClient client, Kind kind, String ns, String name) throws IOException {
        ApiClient.Reply reply = client.send("DELETE", force.on(ApiClient.path(kind, ns, name)), null, null);
        return reply.ok() || (skipNotExists && reply.status() == 404) ? null : reply.error();
    }
}
