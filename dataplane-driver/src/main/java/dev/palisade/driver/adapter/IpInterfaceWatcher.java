package dev.palisade.driver.adapter;

import dev.palisade.driver.nft.kernel.CommandRunner;

import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.IpAddrParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the node's interfaces with {@code ip -j addr} (in the target namespace) now and then every
 * {@code period}, handing each read to the listener; the listener ignores reads that changed nothing. A
 * short poll keeps an interface created later governed within one period, with one cheap process per poll.
 */
public final class IpInterfaceWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IpInterfaceWatcher.class.getName());

    private final CommandRunner runner;
    private final List<String> command;
    private final Duration period;
    private final Consumer<List<HostInterface>> listener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "palisade-interfaces");
        t.setDaemon(true);
        return t;
    });

    /** {@code netns} null = the driver's own namespace. */
    public IpInterfaceWatcher(CommandRunner runner, String netns, Duration period,
                              Consumer<List<HostInterface>> listener) {
        this.runner = runner;
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            cmd.addAll(List.of("-n", netns));
        }
        cmd.addAll(List.of("-j", "addr", "show"));
        this.command = List.copyOf(cmd);
        this.period = period;
        this.listener = listener;
    }

    public List<HostInterface> read() {
        CommandRunner.Result result = runner.run(command, null);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.stderr().strip());
        }
        return IpAddrParser.parse(result.stdout());
    }

    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                listener.accept(read());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read interfaces", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
