package dev.palisade.e2e.scenario;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.convert.V1Converter;
import dev.palisade.model.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seed tutorials' manifests as extracted in {@code examples/seeds/}, decoded (legacy v1 converted). */
public final class SeedManifests {

    private static final ResourceCodec CODEC = new ResourceCodec(new V1Converter());

    private final Path dir;

    public SeedManifests(Path repository) {
        this.dir = repository.resolve("examples/seeds");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist: run from the repository root");
        }
    }

    /** The repository named by the system property {@code palisade.repo}, else the working directory. */
    public static SeedManifests fromRepository() {
        return new SeedManifests(Path.of(System.getProperty("palisade.repo", ".")).toAbsolutePath().normalize());
    }

    /** {@code calicoctl apply -f FILE}, the file unchanged. */
    public Action.Apply apply(String file) {
        return new Action.Apply(file, decode(file, read(file)));
    }

    /**
     * The file with literal replacements, for seeds whose addresses lie outside the test ranges; the
     * source line says so.
     */
    public Action.Apply applyAdapted(String file, Map<String, String> replacements) {
        String text = read(file);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalArgumentException(file + " does not contain '" + r.getKey() + "' to replace");
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        return new Action.Apply(file + " (adapted: " + replacements + ")", decode(file, text));
    }

    /** {@code calicoctl apply -f FILE} for a manifest outside the seeds (one the deployment ships). */
    public static Action.Apply applyFile(Path file) {
        try {
            return new Action.Apply(file.getFileName().toString(), decode(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file, e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed manifest " + dir.resolve(file), e);
        }
    }

    private static List<Resource> decode(String file, String text) {
        List<Resource> resources = new ArrayList<>();
        for (Decoded decoded : CODEC.decodeAll(text)) {
            switch (decoded) {
                case Decoded.Ok ok -> resources.add(ok.resource());
                case Decoded.Failed failed -> throw new IllegalArgumentException(
                        file + " document " + failed.index() + " does not decode: " + failed.errors());
            }
        }
        return resources;
    }
}
