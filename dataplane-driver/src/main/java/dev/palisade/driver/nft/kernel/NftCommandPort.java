package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;

import java.util.Optional;

/**
 * An {@link NftPort} that speaks nft's command language, to the {@code nft} program or to libnftables: both take
 * a transaction as one script committed all or nothing, and answer a listing in JSON. What a refusal or a
 * missing table looks like is decided here, once.
 */
public abstract sealed class NftCommandPort implements NftPort permits CliNft, LibNft {

    /** What nft answered: a status (0 = done), its output and its error text. */
    protected record Outcome(int status, String output, String error) {
    }

    /** Runs {@code script} as one transaction; {@code dryRun} only checks it against the ruleset. */
    protected abstract Outcome execute(String script, boolean dryRun) throws NftException;

    /** Lists the driver's table in JSON. */
    protected abstract Outcome listJson() throws NftException;

    @Override
    public final void run(NftTransaction tx) throws NftException {
        submit(tx, false);
    }

    @Override
    public final void check(NftTransaction tx) throws NftException {
        submit(tx, true);
    }

    private void submit(NftTransaction tx, boolean dryRun) throws NftException {
        if (tx.error().isPresent()) {
            throw new NftException("invalid transaction: " + tx.error().get());
        }
        if (tx.isEmpty()) {
            return;
        }
        Outcome outcome = execute(tx.toString(), dryRun);
        if (outcome.status() != 0) {
            throw new NftException("nft refused the transaction (exit " + outcome.status() + "): "
                    + outcome.error().strip());
        }
    }

    @Override
    public final Optional<KernelTable> listTable() throws NftException {
        Outcome outcome = listJson();
        if (outcome.status() != 0) {
            if (outcome.error().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw new NftException("nft list table failed (exit " + outcome.status() + "): " + outcome.error().strip());
        }
        try {
            return Optional.of(KernelTable.parseJson(outcome.output()));
        } catch (IllegalArgumentException e) {
            throw new NftException(e.getMessage());
        }
    }

    /** The command that lists the driver's table, without the {@code nft} program's own flags. */
    protected static String listCommand() {
        return "list table " + NftObject.FAMILY + " " + NftObject.TABLE;
    }
}
