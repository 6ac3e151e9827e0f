package dev.palisade.driver.sync;

/**
 * The outcome of one sync attempt.
 *
 * @param full       whether the attempt started from the kernel's state (start, after a failure, drift)
 * @param operations operations in the transaction; 0 when nothing had to change
 * @param nanos      the whole attempt: render, diff, kernel read (full sync) and transaction
 * @param kernelNanos the part spent in the kernel transaction itself ({@code nft -f})
 * @param error      nft's or the renderer's explanation when the attempt failed, else null
 */
public record SyncResult(long revision, boolean full, int operations, long nanos, long kernelNanos, int rules, int sets,
                         int setElements, String error) {

    public boolean success() {
        return error == null;
    }
}
