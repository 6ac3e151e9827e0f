package dev.palisade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code palisade} command line. */
@Command(name = "palisade", mixinStandardHelpOptions = true, version = "palisade 0.1.0",
        description = "Calico-compatible host protection: check, convert and explain policy.",
        subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, ConvertCommand.class,
                EvalSelectorCommand.class, SimulateCommand.class,
                ApplyCommand.class, CreateCommand.class, ReplaceCommand.class, DeleteCommand.class, GetCommand.class,
                PatchCommand.class, LabelCommand.class, VersionCommand.class, AuditCommand.class,
                PreviewCommand.class, PromoteCommand.class, ExplainCommand.class})
public final class PalisadeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = newCommandLine();
        int code = cli.execute(args);
        // picocli's writers flush on println only and System.exit flushes nothing: a command that ends with
        // print() (preview's JSON and table) printed nothing at all in a terminal
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    public static CommandLine newCommandLine() {
        // an unreadable config file or a refused connection is a message, as calicoctl prints it, not a stack trace
        return new CommandLine(new PalisadeCli()).setExecutionExceptionHandler((e, cli, parsed) -> {
            cli.getErr().println("Failed to execute command: " + e.getMessage());
            return 1;
        });
    }
}
