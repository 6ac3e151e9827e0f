package dev.palisade.model.selector;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared documents (conformance vectors) as COMMON.md prescribes. */
final class SharedFiles {

    private SharedFiles() {
    }

    static Path resolve(String relative) {
        String configured = System.getProperty("palisade.shared");
        Path root = configured != null && Files.isDirectory(Path.of(configured))
                ? Path.of(configured)
                : Path.of("/work/shared");
        return root.resolve(relative);
    }
}
