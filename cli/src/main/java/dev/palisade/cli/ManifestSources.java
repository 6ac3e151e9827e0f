package dev.palisade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The manifest texts named by {@code -f}: one file, every manifest file of a directory, or stdin ({@code -}). */
final class ManifestSources {

    /** One input: the name to show in messages and its text. */
    record Source(String name, String text) {
    }

    private ManifestSources() {
    }

    /** @throws IOException with a message naming the path when it cannot be read */
    static List<Source> read(String file, boolean recursive, InputStream stdin) throws IOException {
        if ("-".equals(file)) {
            return List.of(new Source("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
        }
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new IOException(file + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            return List.of(source(path));
        }
        try (Stream<Path> walk = recursive ? Files.walk(path) : Files.list(path)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(ManifestSources::isManifest).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException(file + ": no *.yaml, *.yml or *.json files" + (recursive ? "" : " (use -R to "
                        + "search subdirectories)"));
            }
            return files.stream().map(ManifestSources::sourceUnchecked).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static Source source(Path p) throws IOException {
        return new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
    }

    private static Source sourceUnchecked(Path p) {
        try {
            return source(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
