package dev.palisade.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose/check} as part of {@code verify}: a private Docker engine, every image built, the
 * compose stack up, seed 001 with real packets between containers, the crash step. It calls the script
 * rather than Testcontainers' {@code ComposeContainer}: the engine itself (its network namespace and
 * dockerd) must be created before any Docker client can connect, and the script is what a person runs, so
 * CI proves exactly that. An engine that cannot start makes the script, and so this test, fail.
 */
class ComposeCheckIT {

    private final Path repository = Path.of(System.getProperty("palisade.repo", "..")).toAbsolutePath().normalize();

    @Test
    void composeStackEnforcesSeed001AndSurvivesKilledContainers() throws IOException, InterruptedException {
        Path log = Files.createDirectories(repository.resolve("target/compose")).resolve("check.log");
        ProcessBuilder builder = new ProcessBuilder(repository.resolve("deploy/compose/check").toString())
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the Maven build that runs this test has packaged every module already
        builder.environment().put("PALISADE_COMPOSE_SKIP_MAVEN", "1");
        Process check = builder.start();
        check.getOutputStream().close();
        boolean finished = check.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            check.destroy();   // its trap still tears the engine down
            check.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("deploy/compose/check finished within 20 minutes").isTrue();
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(check.exitValue()).as("exit code of deploy/compose/check (output above)").isZero();
        assertThat(lines.getLast()).matches("compose: (\\d+) of \\1 steps passed");
        assertThat(Files.exists(Path.of("/run/palisade-docker.sock"))).as("engine stopped").isFalse();
    }
}
