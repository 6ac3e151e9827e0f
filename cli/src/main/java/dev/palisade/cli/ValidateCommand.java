package dev.palisade.cli;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.model.validation.Validator;
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
    private final ResourceCodec codec = Manifests.codec();
    private final Defaulter defaulter = new Defaulter();
    private final Validator validator = new Validator();

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
        for (ManifestSources.Source source : sources) {
            String prefix = showFile ? source.name() + ": " : "";
            for (Decoded decoded : codec.decodeAll(source.text())) {
                resources++;
                Outcome outcome = check(decoded);
                if (!outcome.errors().isEmpty()) {
                    invalid++;
                    for (FieldError e : outcome.errors()) {
                        err.println(prefix + outcome.label() + ": " + e);
                    }
                } else if (outcome.converted()) {
                    out.println(prefix + outcome.label() + ": valid");
                }
            }
        }
        if (invalid > 0) {
            err.println(invalid + " of " + resources + " resource(s) invalid");
            return 1;
        }
        out.println("Successfully validated " + resources + " resource(s)");
        return 0;
    }

    /** How one resource is named in messages, and what is wrong with it. */
    private record Outcome(String label, boolean converted, List<FieldError> errors) {
    }

    private Outcome check(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Ok ok -> {
                Resource r = defaulter.applyDefaults(ok.resource());
                boolean converted = ok.convertedFrom() != null;
                String label = r.kind().kindName() + "/" + r.metadata().name()
                        + (converted ? " (converted from " + ok.convertedFrom() + ")" : "");
                yield new Outcome(label, converted, validator.validate(r));
            }
            case Decoded.Failed failed -> new Outcome(
                    (failed.kind() == null ? "resource" : failed.kind()) + "/"
                            + (failed.name() == null ? "#" + (failed.index() + 1) : failed.name()),
                    false, failed.errors());
        };
    }
}
