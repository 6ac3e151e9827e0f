package dev.palisade.driver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Probes, round after round on its own thread, a node's port that no revision allows and its failsafe tcp:22, and
 * records every round in which the node was not filtered as it must be: the never-allowed port answered (an
 * unfiltered node would), or the failsafe did not. A round is one call of the probe function, which sends both
 * probes and returns their outcomes ({@code timeout}, {@code open}, {@code refused}, as {@link BatchProber} does).
 */
public final class FilteredWatch implements AutoCloseable {

    private final Function<List<String>, List<String>> round;
    private final List<String> targets;
    private final int neverAllowed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong rounds = new AtomicLong();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Thread thread = Thread.ofPlatform().daemon().name("filtered-watch").unstarted(this::run);

    public FilteredWatch(String nodeIp, int neverAllowed, Function<List<String>, List<String>> round) {
        this.round = round;
        this.neverAllowed = neverAllowed;
        this.targets = List.of("tcp," + nodeIp + "," + neverAllowed, "tcp," + nodeIp + ",22");
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running.get()) {
            List<String> seen = round.apply(targets);
            if (!"timeout".equals(seen.get(0))) {
                violations.add("round " + rounds.get() + ": tcp:" + neverAllowed + " " + seen.get(0));
            }
            if (!"open".equals(seen.get(1))) {
                violations.add("round " + rounds.get() + ": failsafe tcp:22 " + seen.get(1));
            }
            rounds.incrementAndGet();
        }
    }

    public long rounds() {
        return rounds.get();
    }

    /** Waits until {@code n} rounds completed: each phase of a test is probed at least once. */
    public void awaitRounds(long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rounds.get() < n) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError("the watch did not complete " + n + " rounds (at " + rounds.get() + ")");
            }
            Thread.sleep(20);
        }
    }

    public List<String> violations() {
        return violations;
    }

    public void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
