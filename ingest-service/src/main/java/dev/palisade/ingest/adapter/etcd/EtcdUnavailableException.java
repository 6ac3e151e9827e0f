package dev.palisade.ingest.adapter.etcd;

/** etcd did not answer, or answered with an error that is not about the resource. */
public final class EtcdUnavailableException extends RuntimeException {
    EtcdUnavailableException(Throwable cause) {
        super("etcd request failed: " + cause, cause);
    }
}
