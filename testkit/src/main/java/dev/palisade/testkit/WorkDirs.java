package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
