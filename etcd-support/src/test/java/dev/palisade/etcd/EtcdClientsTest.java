package dev.palisade.etcd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Half-set TLS settings are refused with the setting named, before any connection is tried. */
class EtcdClientsTest {

    private static final Optional<Path> FILE = Optional.of(Path.of("/nonexistent/x.pem"));

    @Test
    void aCertificateWithoutItsKeyIsNamed() {
        assertThatThrownBy(() -> EtcdClients.connect("https://127.0.0.1:2379",
                new EtcdClients.Tls(FILE, FILE, Optional.empty()), "palisade.test.tls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("palisade.test.tls: cert-file and key-file go together; only cert-file is set");
    }

    @Test
    void aClientCertificateWithoutACaIsNamed() {
        assertThatThrownBy(() -> EtcdClients.connect("https://127.0.0.1:2379",
                new EtcdClients.Tls(Optional.empty(), FILE, FILE), "palisade.test.tls"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("palisade.test.tls: a client "
                        + "certificate without ca-file");
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        assertThatThrownBy(() -> EtcdClients.connect("https://127.0.0.1:2379",
                new EtcdClients.Tls(FILE, Optional.empty(), Optional.empty()), "palisade.test.tls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("palisade.test.tls: cannot use the TLS files");
    }
}
