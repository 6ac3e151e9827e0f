package dev.palisade.driver.nft.kernel;

import dev.palisade.testkit.Eventually;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A driver killed with kill -9 leaves no {@code nft monitor} behind: a real JVM holding a real monitor is
 * killed, and its monitor must go too.
 */
class NftMonitorParentDeathTest {

    /** The stand-in driver: starts a monitor, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            NftMonitor monitor = new NftMonitor(null);
            monitor.changed();
            System.out.println("monitoring");
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    @Test
    void theMonitorDiesWithAKilledDriver() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<ProcessHandle> monitors = new java.util.ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("monitoring");
            Eventually.await(Duration.ofSeconds(10), "nft monitor running under the driver",
                    () -> !monitors(driver.toHandle()).isEmpty());
            monitors.addAll(monitors(driver.toHandle()));

            driver.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            driver.waitFor();

            Eventually.await(Duration.ofSeconds(10), "nft monitor gone with its driver",
                    () -> monitors.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            driver.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
            monitors.forEach(ProcessHandle::destroyForcibly); // an orphan, if the test failed
        }
    }

    @Test
    void closeStopsTheMonitor() throws Exception {
        NftMonitor monitor = new NftMonitor(null);
        Eventually.await(Duration.ofSeconds(10), "nft monitor running",
                () -> !monitors(ProcessHandle.current()).isEmpty());
        List<ProcessHandle> running = monitors(ProcessHandle.current());
        monitor.close();
        Eventually.await(Duration.ofSeconds(10), "nft monitor stopped", () -> running.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static List<ProcessHandle> monitors(ProcessHandle parent) {
        return parent.descendants().filter(p -> p.info().arguments().map(a -> List.of(a).contains("monitor"))
                .orElse(false)).toList();
    }
}
