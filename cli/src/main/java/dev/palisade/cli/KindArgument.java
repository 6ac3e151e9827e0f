package dev.palisade.cli;

import dev.palisade.model.resource.Kind;
import picocli.CommandLine;

import java.util.Arrays;

/** A kind as users type it: kind, plural or short name (hep, gnp, gnetsets, felixconfig, kcc, ...). */
final class KindArgument {

    private KindArgument() {
    }

    static Kind parse(CommandLine commandLine, String word) {
        return Kind.lookup(word).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "resource type '" + word + "' is not supported (known: "
                        + String.join(", ", Arrays.stream(Kind.values()).map(Kind::plural).toList()) + ")"));
    }
}
