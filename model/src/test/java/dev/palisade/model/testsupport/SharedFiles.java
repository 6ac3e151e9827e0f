package dev.palisade.model.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locates the project's shared documents (seeds, spec) as COMMON.md prescribes, and the repository's own files. */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Path resolve(String relative) {
        String configured = System.getProperty("palisade.shared");
        Path root = configured != null && Files.isDirectory(Path.of(configured))
                ? Path.of(configured)
                : Path.of("/work/shared");
        return root.resolve(relative);
    }

    /** A path from the repository root; surefire runs tests in the module directory, one level below it. */
    public static Path repository(String relative) {
        Path moduleDir = Path.of("").toAbsolutePath();
        return moduleDir.getParent().resolve(relative);
    }

    /** The single shared seed file whose name starts with {@code number_}. */
    public static Path seed(String number) {
        try (Stream<Path> files = Files.list(resolve("seeds"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(number + "_")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no seed numbered " + number));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
