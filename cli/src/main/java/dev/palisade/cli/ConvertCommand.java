package dev.palisade.cli;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code palisade convert -f FILE|-}: Calico v1 (or v3) manifests in, v3 YAML out, like {@code calicoctl convert}.
 * All or nothing: if any resource cannot be converted nothing is printed on stdout, so a pipe into
 * {@code calicoctl apply} never applies half a file.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert Calico v1 (apiVersion: v1) or v3 manifests to projectcalico.org/v3 YAML.")
public final class ConvertCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|-",
            description = "YAML or JSON file to convert; - reads standard input.")
    String filename;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = "-".equals(filename)
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(filename));
        } catch (IOException e) {
            err.println("palisade convert: cannot read " + filename + ": " + e.getMessage());
            return 1;
        }
        ResourceCodec codec = Manifests.codec();
        List<Decoded> decoded = codec.decodeAll(text);
        List<Resource> converted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Decoded d : decoded) {
            switch (d) {
                case Decoded.Ok ok -> converted.add(ok.resource());
                case Decoded.Failed failed -> failed.errors().forEach(e -> problems.add(describe(failed, e)));
            }
        }
        if (decoded.isEmpty()) {
            problems.add("no resources found");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("palisade convert: " + displayName() + ": " + p));
            return 1;
        }
        out.print(codec.toYaml(converted));
        out.flush();
        return 0;
    }

    private String displayName() {
        return "-".equals(filename) ? "<stdin>" : filename;
    }

    /** Resources are counted from 1 in stream order, so an unnamed one can still be found. */
    private static String describe(Decoded.Failed failed, FieldError error) {
        StringBuilder where = new StringBuilder("resource ").append(failed.index() + 1);
        if (failed.kind() != null || failed.name() != null) {
            where.append(" (");
            if (failed.kind() != null) {
                where.append(failed.kind());
            }
            if (failed.name() != null) {
                where.append(failed.kind() != null ? " " : "").append('"').append(failed.name()).append('"');
            }
            where.append(')');
        }
        return where + ": " + error;
    }
}
