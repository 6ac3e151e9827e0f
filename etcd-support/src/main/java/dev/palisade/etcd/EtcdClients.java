package dev.palisade.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.util.Optional;

/** The one way Palisade's services build their etcd client: comma-separated endpoints, TLS when configured. */
public final class EtcdClients {

    /**
     * @param caFile   PEM CA etcd's server certificate chains to; present, the client speaks TLS
     * @param certFile PEM client certificate, for etcd's {@code --client-cert-auth}; needs {@code keyFile}
     * @param keyFile  its PKCS#8 PEM key
     */
    public record Tls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    private EtcdClients() {
    }

    /** {@code what} names the settings in errors, e.g. {@code palisade.ingest.etcd.tls}. */
    public static Client connect(String endpoints, Tls tls, String what) {
        ClientBuilder builder = Client.builder().endpoints(endpoints.split(","));
        if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
            throw new IllegalArgumentException(what + ": cert-file and key-file go together; only "
                    + (tls.certFile().isPresent() ? "cert-file" : "key-file") + " is set");
        }
        if (tls.caFile().isEmpty()) {
            if (tls.certFile().isPresent()) {
                throw new IllegalArgumentException(what + ": a client certificate without ca-file; set ca-file to "
                        + "the CA of etcd's server certificate");
            }
            return builder.build();
        }
        try {
            SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(tls.caFile().get().toFile());
            if (tls.certFile().isPresent()) {
                ssl.keyManager(tls.certFile().get().toFile(), tls.keyFile().get().toFile());
            }
            return builder.sslContext(ssl.build()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": cannot use the TLS files " + tls + ": " + e.getMessage(), e);
        }
    }
}
