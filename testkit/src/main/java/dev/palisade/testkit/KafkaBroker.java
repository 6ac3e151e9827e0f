package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one process) on a free loopback port,
 * run from the jars {@code kafka-dist} gathers. The lib directory comes from the system property
 * {@code palisade.kafka.lib}.
 */
public final class KafkaBroker implements TestServer {

    public static final String LIB_PROPERTY = "palisade.kafka.lib";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "Kafka Server started";

    private final int port;
    private volatile ServerProcess process;

    private KafkaBroker(int port, ServerProcess process) {
        this.port = port;
        this.process = process;
    }

    public static KafkaBroker start() {
        Path lib = libDir();
        Path dir = WorkDirs.newDir("kafka");
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("kafka.log");
        write(config, serverProperties(port, controllerPort, dir.resolve("data")));

        String classpath = lib.toAbsolutePath() + "/*";
        Commands.Result format = Commands.run(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", clusterId(), "-c", config.toString());
        if (format.exitCode() != 0) {
            throw new IllegalStateException("Kafka storage format failed in " + dir + ":\n"
                    + format.stdout() + format.stderr());
        }
        ServerProcess process = ServerProcess.launch("kafka", dir, log, java(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", classpath, "kafka.Kafka", config.toString());
        Await.ready(process, START_TIMEOUT, "'" + READY_LINE + "' in the log",
                () -> process.logText().contains(READY_LINE));
        return new KafkaBroker(port, process);
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

    /** KRaft wants a 22-character URL-safe base64 UUID. */
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
