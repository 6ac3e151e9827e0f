package dev.palisade.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "replace", mixinStandardHelpOptions = true,
        description = "Replace existing resources from manifests (online); resourceVersion, when given, must match.")
public final class ReplaceCommand implements Callable<Integer> {

    @Mixin
    FileOptions files;

    @Mixin
    ServerOptions server;

    @Mixin
    ForceOption force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ManifestBatch.run(files.file, files.recursive, files.namespace, System.in, server, "replace", "replaced",
                (client, resource) -> {
                    ApiClient.Reply reply = client.send("PUT", force.on(ApiClient.path(resource.kind(),
                                    resource.metadata().namespace(), resource.metadata().name())), "application/json",
                            Manifests.codec().toJson(resource));
                    return reply.ok() ? null : reply.error();
                }, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
