package dev.palisade.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** calicoctl's {@code version}: the client's version and the server it would talk to. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the client version and server.")
public final class VersionCommand implements Callable<Integer> {

    static final String VERSION = "v0.1.0";

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("Client Version:    " + VERSION);
        spec.commandLine().getOut().println("Server:            " + server.client().server());
        return 0;
    }
}
