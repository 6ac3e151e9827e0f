package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.NftObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link TableWatch} over {@code nft monitor}: the kernel reports every committed change of the ruleset, and
 * any line naming the driver's table (its own transactions included) marks it changed. Until the monitor runs,
 * and whenever it stops, the table counts as changed; a stopped monitor is restarted at the next question.
 * The process is stopped by its PID on {@link #close}.
 *
 * <p>A quiet {@code nft monitor} never writes, so it would not notice (by a broken pipe) that the driver died
 * and would outlive a kill -9. It therefore runs under {@code setpriv --pdeathsig KILL}: the kernel kills it
 * when its parent goes. The kernel means the parent <em>thread</em>, so every monitor is started from one
 * thread of its own that lives exactly as long as this object.
 */
public final class NftMonitor implements TableWatch {

    private static final Logger LOG = Logger.getLogger(NftMonitor.class.getName());
    private static final String TABLE = " " + NftObject.FAMILY + " " + NftObject.TABLE + " ";

    private final List<String> command;
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "palisade-nft-monitor-spawner");
        t.setDaemon(true);
        return t;
    });
    private Process process;
    private volatile boolean closed;

    /** {@code netns} null = the namespace the driver runs in. */
    public NftMonitor(String netns) {
        List<String> c = new ArrayList<>();
        c.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        if (netns != null) {
            c.addAll(List.of("ip", "netns", "exec", netns));
        }
        c.addAll(List.of("nft", "monitor"));
        this.command = List.copyOf(c);
        ensureRunning();
    }

    @Override
    public boolean changed() {
        ensureRunning();
        return changed.get();
    }

    @Override
    public void clear() {
        changed.set(false);
        ensureRunning(); // a monitor that died meanwhile set the flag again
    }

    private synchronized void ensureRunning() {
        if (closed || (process != null && process.isAlive())) {
            return;
        }
        changed.set(true);
        try {
            process = spawner.submit(() -> new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start()).get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "cannot start {0}: {1}", new Object[] {command, e.getCause().getMessage()});
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Process p = process;
        Thread reader = new Thread(() -> read(p), "palisade-nft-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(TABLE) || line.endsWith(TABLE.stripTrailing())) {
                    changed.set(true);
                }
            }
        } catch (IOException e) {
            // the process ended; the flag below makes the next check a full one
        }
        changed.set(true);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        spawner.shutdown();
    }
}
