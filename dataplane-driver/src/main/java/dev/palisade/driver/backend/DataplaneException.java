package dev.palisade.driver.backend;

/** The kernel refused a transaction or a read-back; the message is the kernel tool's own explanation. */
public class DataplaneException extends Exception {
    public DataplaneException(String message) {
        super(message);
    }
}
