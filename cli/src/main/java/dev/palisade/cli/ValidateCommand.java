package dev.palisade.cli;

import dev.palisade.model.FieldError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code palisade validate -f FILE|DIR|-}: decodes, defaults and validates every resource as Calico would
 * on create, and reports every error with its field path. Exit 0 when all are valid, 1 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check manifests the way Calico checks them on create; legacy v1 is validated after"
                + " conversion.")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A manifest file, a directory of *.yaml/*.yml/*.json files, or - for stdin.")
    String file;

    @Option(names = {"-R", "--recursive"}, description = "With a directory, also read its subdirectories.")
    boolean recursive;

    @Spec
    CommandSpec spec;

    private final InputStream stdin;

    public ValidateCommand() {
        this(System.in);
    }

    ValidateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ManifestSources.Source> sources;
        try {
            sources = ManifestSources.read(file, recursive, stdin);
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return 1;
        }
        boolean showFile = sources.size() > 1;
        int resources = 0;
        int invalid = 0;
        for (CheckedManifests.Checked checked : CheckedManifests.check(sources)) {
            String prefix = showFile ? checked.source().name() + ": " : "";
            resources++;
            String label = label(checked);
            if (!checked.errors().isEmpty()) {
                invalid++;
                for (FieldError e : checked.errors()) {
                    err.println(prefix + label + ": " + e);
                }
            } else if (checked instanceof CheckedManifests.Decodable d && d.convertedFrom() != null) {
                out.println(prefix + label + ": valid");
            }
        }
        if (invalid > 0) {
            err.println(invalid + " of " + resources + " resource(s) invalid");
            return 1;
        }
        out.println("Successfully validated " + resources + " resource(s)");
        return 0;
    }

    /** How one resource is named in messages. */
    private static String label(CheckedManifests.Checked checked) {
        return switch (checked) {
            case CheckedManifests.Decodable d -> d.resource().kind().kindName() + "/" + d.resource().metadata().name()
                    + (d.convertedFrom() == null ? "" : " (converted from " + d.convertedFrom() + ")");
            case CheckedManifests.Undecodable u -> (u.failed().kind() == null ? "resource" : u.failed().kind()) + "/"
                    + (u.failed().name() == null ? "#" + (u.failed().index() + 1) : u.failed().name());
        };
    }
}
