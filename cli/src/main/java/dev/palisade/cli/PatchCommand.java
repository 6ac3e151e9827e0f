package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        description = "Patch one resource: KIND NAME -p PATCH [--type merge|json] (online).")
public final class PatchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "KIND")
    String kindWord;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = {"-p", "--patch"}, required = true, description = "The patch, as JSON.")
    String patch;

    @Option(names = {"-t", "--type"}, defaultValue = "merge",
            description = "merge (RFC 7386, default) or json (RFC 6902); strategic is refused.")
    String type;

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
        String ns = namespace.of(kind);
        ApiClient client = server.client();
        ApiClient.Reply reply = switch (type) {
            case "merge" -> client.send("PATCH", force.on(ApiClient.path(kind, ns, name)),
                    "application/merge-patch+json", patch);
            case "json" -> jsonPatch(client, ApiClient.path(kind, ns, name));
            case "strategic" -> {
                spec.commandLine().getErr().println("Failed to patch '" + kind.kindName() + "' resource: [strategic "
                        + "merge patch needs Kubernetes' Go type metadata, which Calico resources do not have; use "
                        + "--type merge or --type json]");
                yield null;
            }
            default -> {
                spec.commandLine().getErr().println("Failed to patch '" + kind.kindName()
                        + "' resource: [unknown patch type '" + type + "'; use merge or json]");
                yield null;
            }
        };
        if (reply == null) {
            return 1;
        }
        client.takeWarnings().forEach(w -> spec.commandLine().getErr().println("Warning: " + w));
        if (!reply.ok()) {
            spec.commandLine().getErr().println(ApiClient.failure("patch", kind.kindName(), reply.error()));
            return 1;
        }
        spec.commandLine().getOut().println("Successfully patched 1 '" + kind.kindName() + "' resource");
        return 0;
    }

    /** Read, patch locally, replace at the revision read: the server refuses if it changed in between. */
    private ApiClient.Reply jsonPatch(ApiClient client, String path) throws IOException {
        ApiClient.Reply current = client.send("GET", path, null, null);
        if (!current.ok()) {
            return current;
        }
        JsonNode patched;
        try {
            patched = JsonPatch.apply(current.json(), JSON.readTree(patch));
        } catch (IllegalArgumentException | IOException e) {
            return new ApiClient.Reply(422, "{\"kind\":\"Status\",\"message\":" + JSON.writeValueAsString(
                    "invalid JSON patch: " + e.getMessage()) + "}");
        }
        return client.send("PUT", force.on(path), "application/json", JSON.writeValueAsString(patched));
    }
}
