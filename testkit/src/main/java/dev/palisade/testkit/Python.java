package dev.palisade.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Python interpreter the listeners and probes run on: Debian's when present. */
final class Python {

    private static final Path DEBIAN = Path.of("/usr/bin/python3");

    private Python() {
    }

    static String executable() {
        return Files.isExecutable(DEBIAN) ? DEBIAN.toString() : "python3";
    }
}
