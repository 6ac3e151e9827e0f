package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server process a test started, known by its PID, with its output kept in a log file.
 * Stopping sends the polite signal, waits, then kills; it is also done on JVM exit.
 */
public final class ServerProcess implements AutoCloseable {

    /** The signal that asks a server to shut down cleanly. */
    public enum StopSignal { TERM, INT }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final long pid;
    private final Path log;
    private final StopSignal stopSignal;
    /** How it was launched, so a supervisor can start it again; null for an adopted daemon. */
    private final Path dir;
    private final String[] command;

    private ServerProcess(String name, long pid, Path log, StopSignal stopSignal, Path dir, String[] command) {
        this.name = name;
        this.pid = pid;
        this.log = log;
        this.stopSignal = stopSignal;
        this.dir = dir;
        this.command = command;
    }

    /** Starts {@code command} in {@code dir}, stdout and stderr appended to {@code log}. */
    static ServerProcess launch(String name, Path dir, Path log, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return track(new ServerProcess(name, builder.start().pid(), log, StopSignal.TERM, dir, command.clone()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * Starts any server command (a packaged service, say) in a fresh directory under {@code target/testkit};
     * its output goes to {@code <name>.log} there.
     */
    public static ServerProcess start(String name, java.util.List<String> command) {
        Path dir = WorkDirs.newDir(name);
        return launch(name, dir, dir.resolve(name + ".log"), command.toArray(String[]::new));
    }

    /**
     * The same command again, in the same directory, its output appended to the same log: what a supervisor
     * (compose's restart policy, a Kubernetes pod) does after the process died. The new process has a new PID.
     */
    public ServerProcess respawn() {
        if (command == null) {
            throw new IllegalStateException(this + " was adopted, not launched here: it cannot be started again");
        }
        if (isAlive()) {
            throw new IllegalStateException(this + " is still running");
        }
        return launch(name, dir, log, command);
    }

    /** Waits until {@code condition} holds; fails with the log if the process dies or time runs out. */
    public void awaitReady(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        Await.ready(this, timeout, what, condition);
    }

    /** SIGKILL, for tests of crash recovery; waits until the process is gone. */
    public void kill() {
        Cleanup.unregister(this);
        handle().ifPresent(h -> {
            h.destroyForcibly();
            if (!waitForExit(h, STOP_TIMEOUT)) {
                throw new IllegalStateException(this + " survived SIGKILL");
            }
        });
    }

    /**
     * SIGSTOP: the process keeps its sockets but answers nothing, as a server that hangs or is overloaded;
     * {@link #resume()} continues it. Stopping a paused process still works (SIGKILL after the grace time).
     */
    public void pause() {
        sendOrFail("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        sendOrFail("CONT");
    }

    private void sendOrFail(String signal) {
        if (send(signal) != 0) {
            throw new IllegalStateException("kill -s " + signal + " " + this + " failed");
        }
    }

    /** Adopts a daemon that forked away from its launcher (PostgreSQL via pg_ctl). */
    static ServerProcess adopt(String name, long pid, Path log, StopSignal stopSignal) {
        return track(new ServerProcess(name, pid, log, stopSignal, null, null));
    }

    private static ServerProcess track(ServerProcess process) {
        Cleanup.register(process);
        return process;
    }

    /** The name it was started under (its log file and messages carry it). */
    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    /** The log so far, for error messages. */
    public String logText() {
        return readLog(log);
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log at " + log + ")";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A failure to start, carrying the server's log. */
    IllegalStateException startFailure(String reason) {
        return startFailure(this.toString(), log, reason);
    }

    static IllegalStateException startFailure(String what, Path log, String reason) {
        return new IllegalStateException(what + " did not start: " + reason
                + "\n---- " + log + " ----\n" + readLog(log));
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the process: polite signal, then SIGKILL after a timeout. Idempotent. */
    public void stop() {
        stop(STOP_TIMEOUT);
    }

    /** Stops the process, allowing it {@code grace} to exit after the polite signal. */
    public void stop(Duration grace) {
        Cleanup.unregister(this);
        Optional<ProcessHandle> handle = handle();
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        signal(handle.get());
        if (!waitForExit(handle.get(), grace)) {
            handle.get().destroyForcibly();
            if (!waitForExit(handle.get(), STOP_TIMEOUT)) {
                throw new IllegalStateException(name + " (pid " + pid + ") survived SIGKILL");
            }
        }
    }

    private void signal(ProcessHandle handle) {
        if (stopSignal == StopSignal.TERM) {
            handle.destroy();
            return;
        }
        send(stopSignal.name());
    }

    /** Sends {@code signal} to the PID; returns kill's exit code (non-zero: no such process). */
    private int send(String signal) {
        try {
            return new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
