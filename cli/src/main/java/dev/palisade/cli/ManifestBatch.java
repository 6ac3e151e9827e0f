package dev.palisade.cli;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.ObjectMeta;
import dev.palisade.model.resource.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What create, apply, replace and delete with {@code -f} share: read every resource first (any syntax
 * error stops before anything is sent), send them one by one, stop at the first refusal, and report as
 * calicoctl does (success, partial success, failure). A document of a kind Palisade does not store is
 * reported with its number and skipped; the others still go.
 */
final class ManifestBatch {

    /** One request per resource; returns null on success or the server's error. */
    interface Action {
        String send(ApiClient client, Resource resource) throws IOException;
    }

    private ManifestBatch() {
    }

    static int run(String file, boolean recursive, NamespaceOption namespace, InputStream stdin, ServerOptions server,
                   String verb, String past, Action action, PrintWriter out, PrintWriter err) {
        ResourceCodec codec = Manifests.codec();
        List<Resource> resources = new ArrayList<>();
        int skipped = 0;
        try {
            for (ManifestSources.Source source : ManifestSources.read(file, recursive, stdin)) {
                for (Decoded decoded : codec.decodeAll(source.text())) {
                    switch (decoded) {
                        case Decoded.Ok ok -> resources.add(inNamespace(ok.resource(), namespace));
                        case Decoded.Failed failed when failed.unknownKind() -> {
                            err.println("Skipping resource " + (failed.index() + 1) + " of " + source.name()
                                    + ": unknown kind \"" + failed.kind() + "\" (Palisade does not store it)");
                            skipped++;
                        }
                        case Decoded.Failed failed -> {
                            err.println("Failed to execute command: error with field " + failed.errors().getFirst()
                                    + " (resource " + (failed.index() + 1) + " of " + source.name() + ")");
                            return 1;
                        }
                    }
                }
            }
        } catch (IOException e) {
            err.println("Failed to execute command: " + e.getMessage());
            return 1;
        }
        if (resources.isEmpty()) {
            err.println("Failed to execute command: no resources specified in file " + file);
            return 1;
        }
        String kind = kindLabel(resources);
        ApiClient client = server.client();
        for (int i = 0; i < resources.size(); i++) {
            String error;
            try {
                error = action.send(client, resources.get(i));
            } catch (IOException e) {
                error = e.getMessage();
            }
            client.takeWarnings().forEach(w -> err.println("Warning: " + w));
            if (error != null) {
                if (i == 0) {
                    err.println(ApiClient.failure(verb, kind, error));
                } else {
                    err.println("Partial success: " + past + " the first " + i + " out of " + resources.size()
                            + " '" + kind + "' resources:");
                    err.println("Hit error: " + error);
                }
                return 1;
            }
        }
        out.println("Successfully " + past + " " + resources.size() + " '" + kind + "' resource(s)");
        if (skipped > 0) {
            // the rest is applied, as calicoctl would; the exit code still says not everything in the file was
            err.println("Skipped " + skipped + " resource(s) of kinds Palisade does not store");
            return 1;
        }
        return 0;
    }

    private static String kindLabel(List<Resource> resources) {
        String first = resources.getFirst().kind().kindName();
        return resources.stream().allMatch(r -> r.kind().kindName().equals(first)) ? first : "resource";
    }

    /** Namespaced resources without a namespace go to {@code -n}, else {@code default}, as calicoctl does. */
    static Resource inNamespace(Resource resource, NamespaceOption namespace) {
        ObjectMeta m = resource.metadata();
        if (!resource.kind().namespaced() || m.namespace() != null) {
            return resource;
        }
        return resource.withMetadata(m.withNamespace(namespace.orDefault()));
    }
}
