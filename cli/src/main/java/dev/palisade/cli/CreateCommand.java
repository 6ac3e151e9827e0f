package dev.palisade.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "create", mixinStandardHelpOptions = true, description = "Create resources from manifests (online).")
public final class CreateCommand implements Callable<Integer> {

    @Mixin
    FileOptions files;

    @Mixin
    ServerOptions server;

    @Mixin
    ForceOption force;

    @Option(names = "--skip-exists", description = "Do not fail on resources that already exist.")
    boolean skipExists;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ManifestBatch.run(files.file, files.recursive, files.namespace, System.in, server, "create", "created",
                (client, resource) -> {
                    ApiClient.Reply reply = client.send("POST", force.on(ApiClient.path(resource.kind(),
                                    resource.metadata().namespace(), null)), "application/json",
                            Manifests.codec().toJson(resource));
                    return reply.ok() || (skipExists && reply.status() == 409) ? null : reply.error();
                }, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
