package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void aServerThatDiesDuringStartFailsWithItsLog() {
        Path dir = WorkDirs.newDir("failing");
        ServerProcess process = ServerProcess.launch("failing", dir, dir.resolve("out.log"),
                "sh", "-c", "echo 'port already in use'; exit 3");

        assertThatThrownBy(() -> Await.ready(process, Duration.ofSeconds(10), "readiness", () -> false))
                .hasMessageContaining("exited before readiness")
                .hasMessageContaining("port already in use");
    }

    @Test
    void stopEscalatesToKillWhenTheSignalIsIgnored() {
        Path dir = WorkDirs.newDir("stubborn");
        ServerProcess process = ServerProcess.launch("stubborn", dir, dir.resolve("out.log"),
                "sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 0.1; done");
        Await.ready(process, Duration.ofSeconds(10), "the trap", () -> process.logText().contains("trapped"));

        process.stop(Duration.ofMillis(500));

        // only SIGKILL can end a shell that ignores SIGTERM
        assertThat(process.isAlive()).isFalse();
        assertThat(process.isAlive()).isFalse();
    }
}
