package dev.palisade.driver.nft.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nft} command as the kernel port: a transaction is piped to {@code nft -f -}, which commits it
 * atomically; with a network namespace every command runs under {@code ip netns exec}. The fallback where
 * libnftables cannot be loaded ({@link LibNft}), and what the tests read the kernel with.
 */
public final class CliNft extends NftCommandPort {

    private final CommandRunner runner;
    private final List<String> nft;

    /** {@code netns} null = the namespace the driver runs in. */
    public CliNft(CommandRunner runner, String netns) {
        this.runner = runner;
        List<String> prefix = new ArrayList<>();
        if (netns != null) {
            prefix.addAll(List.of("ip", "netns", "exec", netns));
        }
        prefix.add("nft");
        this.nft = List.copyOf(prefix);
    }

    @Override
    protected Outcome execute(String script, boolean dryRun) throws NftException {
        return outcome(runner.run(dryRun ? command("-c", "-f", "-") : command("-f", "-"), script));
    }

    @Override
    protected Outcome listJson() throws NftException {
        List<String> list = new ArrayList<>(List.of("-j"));
        list.addAll(List.of(listCommand().split(" ")));
        return outcome(runner.run(command(list.toArray(String[]::new)), null));
    }

    private static Outcome outcome(CommandRunner.Result result) {
        return new Outcome(result.exitCode(), result.stdout(), result.stderr());
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(nft);
        command.addAll(List.of(args));
        return command;
    }
}
