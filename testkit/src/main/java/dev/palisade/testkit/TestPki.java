package dev.palisade.testkit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * A throwaway certificate authority and two certificates it signed, made with {@code openssl} as an operator
 * would: a server certificate for {@code 127.0.0.1}/{@code localhost} and a client certificate for
 * {@code clientName}. All PEM; keys are unencrypted PKCS#8 (P-256). Valid for a day.
 */
public record TestPki(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    public static TestPki create(String clientName) {
        Path dir = WorkDirs.newDir("pki");
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.crt");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "1", "-subj", "/CN=palisade-test-ca",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Path serverKey = dir.resolve("server.key");
        Path serverCert = dir.resolve("server.crt");
        sign(dir, caCert, caKey, "server", "/CN=127.0.0.1", serverKey, serverCert,
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        Path clientKey = dir.resolve("client.key");
        Path clientCert = dir.resolve("client.crt");
        sign(dir, caCert, caKey, "client", "/CN=" + clientName, clientKey, clientCert, "extendedKeyUsage=clientAuth\n");
        return new TestPki(caCert, serverCert, serverKey, clientCert, clientKey);
    }

    /** A TLS context that trusts this CA only, for clients of a server with {@link #serverCert()}. */
    public SSLContext trustingCa() {
        try (InputStream in = Files.newInputStream(caCert)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caCert + ": " + e, e);
        }
    }

    /**
     * The CA as a PKCS#12 trust store (made with the JDK's keytool), for a JVM's
     * {@code -Djavax.net.ssl.trustStore}: what the JDK's HttpClient trusts by default.
     */
    public Path pkcs12TrustStore(String password) {
        Path store = caCert.resolveSibling("truststore.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Commands.Result result = Commands.run(keytool, "-importcert", "-noprompt", "-alias", "palisade-test-ca",
                "-file", caCert.toString(), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", password);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("keytool failed: " + result.stdout() + result.stderr());
        }
        return store;
    }

    private static void sign(Path dir, Path caCert, Path caKey, String name, String subject, Path key, Path cert,
                             String extensions) {
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        try {
            Files.writeString(ext, extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", subject);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "1", "-extfile", ext.toString(), "-out", cert.toString());
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Commands.Result result = Commands.run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("openssl failed in " + dir + ": " + String.join(" ", command) + "\n"
                    + result.stderr());
        }
    }
}
