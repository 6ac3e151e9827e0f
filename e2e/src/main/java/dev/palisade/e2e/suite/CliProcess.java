package dev.palisade.e2e.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code palisade} CLI as a user runs it: the packaged jar in its own JVM, talking to the suite's
 * ingest-service through {@code PALISADE_SERVER} / {@code PALISADE_TOKEN}. A separate process, so what it
 * prints is what reaches a terminal (its output is flushed, or lost) and its exit code is the shell's.
 */
public final class CliProcess {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** One run: exit code, standard output, standard error. */
    public record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path jar;
    private final Services services;

    public CliProcess(Path repository, Services services) {
        this.jar = repository.resolve("cli/target/palisade-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CLI jar is missing: " + jar + " (build the cli module first)");
        }
        this.services = services;
    }

    public Run run(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PALISADE_SERVER", services.ingestUrl().toString());
        builder.environment().put("PALISADE_TOKEN", services.userToken());
        Process process = null;
        try {
            Path out = Files.createTempFile("palisade-cli", ".out");
            Path err = Files.createTempFile("palisade-cli", ".err");
            try {
                process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("palisade " + String.join(" ", args) + " did not finish within "
                            + TIMEOUT);
                }
                return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run palisade " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running palisade", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
