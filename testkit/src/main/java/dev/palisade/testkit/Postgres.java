package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A throwaway PostgreSQL cluster (Debian's server binaries), trust authentication, on a free loopback
 * port. initdb and postgres refuse to run as root, so as root they run as the {@code postgres} user.
 */
public final class Postgres implements TestServer {

    private static final Path BIN = Path.of(System.getProperty("palisade.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final int port;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final Path systemTempDir;
    private volatile ServerProcess process;

    private Postgres(int port, Path dir, Path systemTempDir) {
        this.port = port;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
        this.systemTempDir = systemTempDir;
    }

    public static Postgres start() {
        // As root the server runs as the postgres user, who must traverse every ancestor of its data
        // directory; a checkout under a private (0700) directory is not traversable, /tmp always is.
        Path systemTempDir = runningAsRoot() ? WorkDirs.newSystemTempDir("palisade-postgres") : null;
        Path dir = systemTempDir != null ? systemTempDir : WorkDirs.newDir("postgres");
        Postgres postgres = new Postgres(Ports.freeLoopbackPort(), dir, systemTempDir);
        if (runningAsRoot()) {
            Commands.run("chown", "-R", USER + ":", dir.toString()).requireSuccess();
        }
        asServerUser(BIN.resolve("initdb").toString(), "-D", postgres.data.toString(), "-A", "trust", "-U", USER,
                "-E", "UTF8", "--locale=C", "--no-sync");
        postgres.process = postgres.launch();
        return postgres;
    }

    private ServerProcess launch() {
        // pg_ctl -w returns once the server accepts connections, which is the readiness check
        Commands.Result started = Commands.run(serverUserCommand(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", log.toString(), "-w", "-t", "30", "-o",
                // fsync=off survives a kill -9 (the kernel keeps what was written); synchronous_commit stays on, as in
                // production: off, a crash would lose commits PostgreSQL had already confirmed (the fault matrix saw it)
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        Optional<Long> pid = postmasterPid(data);
        if (pid.isEmpty()) {
            throw ServerProcess.startFailure("postgres", log, "pg_ctl start exited " + started.exitCode()
                    + " without a postmaster.pid: " + started.stdout() + started.stderr());
        }
        // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to disconnect
        ServerProcess postmaster = ServerProcess.adopt("postgres", pid.get(), log, ServerProcess.StopSignal.INT);
        if (started.exitCode() != 0) {
            postmaster.stop();
            throw postmaster.startFailure("pg_ctl start exited " + started.exitCode() + ": " + started.stdout()
                    + started.stderr());
        }
        return postmaster;
    }

    /** kill -9 of the postmaster, as a crash: its backends exit when they notice, clients lose their connections. */
    public void crash() {
        process.kill();
    }

    /**
     * After {@link #crash()}: the same cluster again (crash recovery on start), same port and data. Backends of the
     * killed postmaster may hold its shared memory for a moment, which makes a start fail: it is tried again.
     */
    public void restart() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                process = launch();
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Any password is accepted (trust authentication); clients that insist on one get this. */
    public String password() {
        return USER;
    }

    /** The value for {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl() {
        return "postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
        if (systemTempDir != null) {
            WorkDirs.deleteTree(systemTempDir);
        }
    }

    @Override
    public String toString() {
        return "postgres at " + reactiveUrl() + ", " + process;
    }

    private static Optional<Long> postmasterPid(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private static void asServerUser(String... command) {
        Commands.run(serverUserCommand(command)).requireSuccess();
    }

    private static List<String> serverUserCommand(String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
