package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.semantics.NodeReach;
import dev.palisade.model.semantics.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
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

    @Option(names = "--wait", arity = "0..1", fallbackValue = "60s", paramLabel = "TIMEOUT",
            converter = Timeout.class,
            description = "then wait until every node the change reaches enforces it, at most TIMEOUT (default 60s; "
                    + "e.g. 90s, 2m); exit 1 naming the nodes behind when it passes")
    Duration wait;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnforcementWait enforcement = new EnforcementWait(server.client());
        World before = null;
        if (wait != null) {
            try {
                before = enforcement.snapshot();
            } catch (IOException e) {
                err.println("Failed to execute command: " + e.getMessage());
                return 1;
            }
        }
        long[] revision = {-1};
        int code = ManifestBatch.run(files.file, files.recursive, files.namespace, System.in, server, "apply", "applied",
                (client, resource) -> {
                    ApiClient.Reply reply = client.send("POST", force.on(ApiClient.API + "apply"), "application/json",
                            Manifests.codec().toJson(resource));
                    if (!reply.ok()) {
                        return reply.error();
                    }
                    JsonNode result = reply.json().path("results").path(0);
                    if (!"failed".equals(result.path("status").asText())) {
                        revision[0] = Math.max(revision[0],
                                result.path("resource").path("metadata").path("resourceVersion").asLong(-1));
                        return null;
                    }
                    List<String> errors = new ArrayList<>();
                    result.path("errors").forEach(e -> errors.add(
                            (e.path("field").asText().isEmpty() ? "" : e.path("field").asText() + ": ") + e.path("message").asText()));
                    // a refused write of an apply stream says why in its result, as a single write's Status does
                    return ApiClient.explained(result.path("reason").asText(), String.join("; ", errors));
                }, out, err);
        if (wait == null || revision[0] < 0) {
            return code;
        }
        try {
            SortedSet<String> reached = NodeReach.changed(before, enforcement.snapshot());
            int waited = enforcement.await(reached, revision[0], wait, out, err);
            return code != 0 ? code : waited;
        } catch (IOException e) {
            err.println("Failed to wait for enforcement: " + e.getMessage());
            return 1;
        }
    }

    /** {@code 90s}, {@code 2m}, {@code 500ms} or a number of seconds. */
    static final class Timeout implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("invalid timeout '" + value
                        + "': use e.g. 90s, 2m or 500ms");
            }
        }
    }
}
