package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftTransaction;

import java.util.Optional;

/** The kernel's nftables, as the driver uses it: one atomic transaction at a time, and its own table read back. */
public interface NftPort extends AutoCloseable {

    /** Applies the whole transaction or nothing. */
    void run(NftTransaction tx) throws NftException;

    /** Validates the transaction against the current ruleset without applying it. */
    void check(NftTransaction tx) throws NftException;

    /** The driver's table as the kernel holds it; empty when the table does not exist. */
    Optional<KernelTable> listTable() throws NftException;

    /** Releases what the port holds in-process (a library context, its thread); nothing by default. */
    @Override
    default void close() {
    }
}
