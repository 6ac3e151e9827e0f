package dev.palisade.cli;

import dev.palisade.model.resource.Kind;
import picocli.CommandLine.Option;

/** {@code -n/--namespace}: where a namespaced resource lives when the command line names none, as in calicoctl. */
final class NamespaceOption {

    static final String DEFAULT = "default";

    @Option(names = {"-n", "--namespace"}, description = "Namespace of namespaced resources (default: default).")
    String namespace;

    /** The namespace given, else {@code default}. */
    String orDefault() {
        return namespace == null ? DEFAULT : namespace;
    }

    /** The namespace a resource of this kind is addressed in; none for a cluster-wide kind. */
    String of(Kind kind) {
        return kind.namespaced() ? orDefault() : null;
    }
}
