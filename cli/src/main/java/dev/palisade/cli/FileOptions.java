package dev.palisade.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code -f}, {@code -R} and {@code -n} as the manifest-driven verbs take them. */
final class FileOptions {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A manifest file, a directory of manifests, or - for stdin.")
    String file;

    @Option(names = {"-R", "--recursive"}, description = "With a directory, also read its subdirectories.")
    boolean recursive;

    @Mixin
    NamespaceOption namespace;
}
