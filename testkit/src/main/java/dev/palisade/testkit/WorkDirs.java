package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Directories for server data and logs, under the calling module's {@code target/} (the working
 * directory surefire runs tests in), or under {@code palisade.testkit.dir} when set.
 */
final class WorkDirs {

    private WorkDirs() {
    }

    static Path newDir(String server) {
        Path root = Path.of(System.getProperty("palisade.testkit.dir", "target/testkit")).toAbsolutePath();
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, server + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + root, e);
        }
    }

    /** A fresh directory under the system temporary directory, for servers that run as another user. */
    static Path newSystemTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
