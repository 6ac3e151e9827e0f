package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create resources, or update them when they exist (online).")
public final class ApplyCommand implements Callable<Integer> {

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
        return ManifestBatch.run(files.file, files.recursive, files.namespace, System.in, server, "apply", "applied",
                (client, resource) -> {
                    ApiClient.Reply reply = client.send("POST", force.on(ApiClient.API + "apply"), "application/json",
                            Manifests.codec().toJson(resource));
                    if (!reply.ok()) {
                        return reply.error();
                    }
                    JsonNode result = reply.json().path("results").path(0);
                    if (!"failed".equals(result.path("status").asText())) {
                        return null;
                    }
                    List<String> errors = new ArrayList<>();
                    result.path("errors").forEach(e -> errors.add(
                            (e.path("field").asText().isEmpty() ? "" : e.path("field").asText() + ": ") + e.path("message").asText()));
                    return String.join("; ", errors);
                }, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
