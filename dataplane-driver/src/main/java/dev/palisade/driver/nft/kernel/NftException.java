package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.backend.DataplaneException;

/** The kernel (or the fake) refused a transaction or a listing; the message is nft's own explanation. */
public final class NftException extends DataplaneException {
    public NftException(String message) {
        super(message);
    }
}
