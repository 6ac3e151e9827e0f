package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link NftPort} over the {@code nft} command: a transaction is piped to {@code nft -f -}, which commits it
 * atomically; with a network namespace every command runs under {@code ip netns exec}.
 */
public final class CliNft implements NftPort {

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
    public void run(NftTransaction tx) throws NftException {
        submit(tx, "-f", "-");
    }

    @Override
    public void check(NftTransaction tx) throws NftException {
        submit(tx, "-c", "-f", "-");
    }

    private void submit(NftTransaction tx, String... args) throws NftException {
        if (tx.error().isPresent()) {
            throw new NftException("invalid transaction: " + tx.error().get());
        }
        if (tx.isEmpty()) {
            return;
        }
        CommandRunner.Result result = runner.run(command(args), tx.toString());
        if (result.exitCode() != 0) {
            throw new NftException("nft refused the transaction (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
    }

    @Override
    public Optional<KernelTable> listTable() throws NftException {
        CommandRunner.Result result = runner.run(command("-j", "list", "table", NftObject.FAMILY, NftObject.TABLE), null);
        if (result.exitCode() != 0) {
            if (result.stderr().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw new NftException("nft list table failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        try {
            return Optional.of(KernelTable.parseJson(result.stdout()));
        } catch (IllegalArgumentException e) {
            throw new NftException(e.getMessage());
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(nft);
        command.addAll(List.of(args));
        return command;
    }
}
