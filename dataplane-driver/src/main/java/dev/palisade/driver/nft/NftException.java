package dev.palisade.driver.nft;

/** The kernel (or the fake) refused a transaction or a listing; the message is nft's own explanation. */
public final class NftException extends Exception {
    public NftException(String message) {
        super(message);
    }
}
