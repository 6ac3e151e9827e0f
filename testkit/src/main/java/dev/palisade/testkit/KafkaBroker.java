package dev.palisade.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one process) on a free loopback port,
 * run from the jars {@code kafka-dist} gathers. The lib directory comes from the system property
 * {@code palisade.kafka.lib}.
 */
public final class KafkaBroker implements TestServer {

    public static final String LIB_PROPERTY = "palisade.kafka.lib";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "Kafka Server started";

    /** The super user of a {@link #startWithScram} broker; the broker itself authenticates as it. */
    public static final String ADMIN = "admin";
    private static final String SCRAM = "SCRAM-SHA-512";

    private final int port;
    /** SCRAM users (name → password); empty for a plaintext broker. */
    private final Map<String, String> users;
    /** The PKI whose server certificate a SASL_SSL listener serves; empty for SASL_PLAINTEXT or PLAINTEXT. */
    private final Optional<TestPki> tls;
    private volatile ServerProcess process;

    private KafkaBroker(int port, Map<String, String> users, Optional<TestPki> tls, ServerProcess process) {
        this.port = port;
        this.users = users;
        this.tls = tls;
        this.process = process;
    }

    /** A broker with one PLAINTEXT listener and no authorizer: anyone may do anything. */
    public static KafkaBroker start() {
        return start(Map.of(), Optional.empty());
    }

    /**
     * A broker as a production install runs it: its only client listener is SASL_PLAINTEXT with SCRAM-SHA-512,
     * and its StandardAuthorizer denies whatever no ACL allows. {@code users} (name → password) are its SCRAM
     * users besides {@link #ADMIN}, the super user that grants the ACLs ({@link #adminConfig()}).
     */
    public static KafkaBroker startWithScram(Map<String, String> users) {
        return start(withAdmin(users), Optional.empty());
    }

    /**
     * {@link #startWithScram} with the client listener SASL_SSL, as docs/operations.md runs it in production: it
     * serves {@code pki}'s server certificate (PEM key store), and {@link #clientConfig} trusts {@code pki}'s CA
     * (PEM trust store). A client that does not trust that CA fails the TLS handshake before SASL.
     */
    public static KafkaBroker startWithScramOverTls(Map<String, String> users, TestPki pki) {
        return start(withAdmin(users), Optional.of(pki));
    }

    private static Map<String, String> withAdmin(Map<String, String> users) {
        if (users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("'" + ADMIN + "' is the broker's own super user; pick another name");
        }
        Map<String, String> all = new LinkedHashMap<>(users);
        all.put(ADMIN, secret());
        return Map.copyOf(all);
    }

    private static KafkaBroker start(Map<String, String> users, Optional<TestPki> tls) {
        Path lib = libDir();
        Path dir = WorkDirs.newDir("kafka");
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("kafka.log");
        write(config, serverProperties(port, controllerPort, dir.resolve("data"))
                + (users.isEmpty() ? "" : scramProperties(port, controllerPort, users.get(ADMIN), protocol(tls)))
                + tls.map(pki -> tlsProperties(pki, dir.resolve("server.pem"))).orElse(""));

        String classpath = lib.toAbsolutePath() + "/*";
        List<String> format = new ArrayList<>(List.of(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", clusterId(), "-c", config.toString()));
        // SCRAM credentials live in the cluster metadata, so the first start must already know them
        users.forEach((user, password) -> format.addAll(List.of("--add-scram",
                SCRAM + "=[name=" + user + ",password=" + password + "]")));
        Commands.Result formatted = Commands.run(format.toArray(String[]::new));
        if (formatted.exitCode() != 0) {
            throw new IllegalStateException("Kafka storage format failed in " + dir + ":\n"
                    + formatted.stdout() + formatted.stderr());
        }
        ServerProcess process = ServerProcess.launch("kafka", dir, log, java(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", classpath, "kafka.Kafka", config.toString());
        Await.ready(process, START_TIMEOUT, "'" + READY_LINE + "' in the log",
                () -> process.logText().contains(READY_LINE));
        return new KafkaBroker(port, users, tls, process);
    }

    /** kill -9, as a crash: clients retry until {@link #restart()}. */
    public void crash() {
        process.kill();
    }

    /** After {@link #crash()}: the same broker again, same port and log directory, waited for until it serves. */
    public void restart() {
        int startsBefore = process.logText().split(READY_LINE, -1).length - 1;
        ServerProcess again = process.respawn();
        process = again;
        Await.ready(again, START_TIMEOUT, "'" + READY_LINE + "' in the log once more",
                () -> again.logText().split(READY_LINE, -1).length - 1 > startsBefore);
    }

    /** The value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Client properties (bootstrap servers, SASL/SCRAM login) of a SCRAM user of a {@link #startWithScram} broker;
     * of a {@link #startWithScramOverTls} broker also the PEM trust store with the test CA.
     */
    public Map<String, Object> clientConfig(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException(users.isEmpty() ? "this broker has no SASL listener"
                    : "no SCRAM user '" + user + "' on this broker (users: " + users.keySet() + ")");
        }
        Map<String, Object> config = new LinkedHashMap<>(Map.of("bootstrap.servers", bootstrapServers(),
                "security.protocol", protocol(tls), "sasl.mechanism", SCRAM, "sasl.jaas.config", jaas(user, password)));
        tls.ifPresent(pki -> config.putAll(Map.of("ssl.truststore.type", "PEM",
                "ssl.truststore.location", pki.caCert().toString())));
        return Map.copyOf(config);
    }

    /** {@link #clientConfig} of {@link #ADMIN}, the super user that may grant ACLs. */
    public Map<String, Object> adminConfig() {
        return clientConfig(ADMIN);
    }

    /** As {@code kafka-acls --add --allow-principal User:<user> --operation <op> --topic <topic>}, for each op. */
    public void allowTopic(String user, String topic, AclOperation... operations) {
        allow(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operations);
    }

    /** As {@code kafka-acls --add --allow-principal User:<user> --operation Read --group <group>}. */
    public void allowGroup(String user, String group) {
        allow(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ);
    }

    private void allow(String user, ResourcePattern pattern, AclOperation... operations) {
        List<AclBinding> acls = Stream.of(operations).map(op -> new AclBinding(pattern,
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW))).toList();
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot grant " + acls + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "kafka at " + bootstrapServers() + ", " + process;
    }

    private static Path libDir() {
        String configured = System.getProperty(LIB_PROPERTY);
        if (configured == null) {
            throw new IllegalStateException("system property " + LIB_PROPERTY
                    + " is not set: run the tests through Maven from the repository root (-pl <module> -am)");
        }
        Path lib = Path.of(configured);
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(LIB_PROPERTY + "=" + lib
                    + " does not exist: build kafka-dist first (mvn -pl <module> -am)");
        }
        return lib;
    }

    private static String serverProperties(int port, int controllerPort, Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=2097152
                """.formatted(port, controllerPort, data);
    }

    private static String protocol(Optional<TestPki> tls) {
        return tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    /**
     * The client listener ({@code protocol}, named as it) and the broker's own inter-broker traffic take only
     * SCRAM; the controller listener, which SCRAM cannot serve (its credentials live in the metadata the
     * controller serves), takes PLAIN with a user that exists only in this file.
     */
    private static String scramProperties(int port, int controllerPort, String adminPassword, String protocol) {
        String controllerPassword = secret();
        return """
                listeners=%7$s://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=%7$s://127.0.0.1:%1$d
                listener.security.protocol.map=%7$s:%7$s,CONTROLLER:SASL_PLAINTEXT
                inter.broker.listener.name=%7$s
                sasl.enabled.mechanisms=%3$s
                sasl.mechanism.inter.broker.protocol=%3$s
                listener.name.%8$s.scram-sha-512.sasl.jaas.config=%4$s
                sasl.mechanism.controller.protocol=PLAIN
                listener.name.controller.sasl.enabled.mechanisms=PLAIN
                listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \
                  required username="controller" password="%5$s" user_controller="%5$s";
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%6$s;User:controller
                """.formatted(port, controllerPort, SCRAM, jaas(ADMIN, adminPassword), controllerPassword, ADMIN,
                protocol, protocol.toLowerCase(Locale.ROOT));
    }

    /**
     * The SASL_SSL listener's server certificate as a PEM key store: one file with the (unencrypted PKCS#8) key and
     * the certificate, so no {@code ssl.key.password}. The broker's own inter-broker client trusts the CA.
     */
    private static String tlsProperties(TestPki pki, Path keyStore) {
        try {
            Files.writeString(keyStore, Files.readString(pki.serverKey()) + Files.readString(pki.serverCert()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                ssl.keystore.type=PEM
                ssl.keystore.location=%s
                ssl.truststore.type=PEM
                ssl.truststore.location=%s
                """.formatted(keyStore, pki.caCert());
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A random cluster id; never one that starts with '-', which the format tool takes for an option. */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        SecureRandom random = new SecureRandom();
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
