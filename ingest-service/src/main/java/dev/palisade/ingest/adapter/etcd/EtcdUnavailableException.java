package dev.palisade.ingest.adapter.etcd;

/** etcd did not answer, or answered with an error that is not about the resource. */
public class EtcdUnavailableException extends RuntimeException {
    EtcdUnavailableException(Throwable cause) {
        super("etcd request failed: " + cause, cause);
    }

    EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
