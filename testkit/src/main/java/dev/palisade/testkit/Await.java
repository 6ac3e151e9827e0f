package dev.palisade.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness condition until it holds, the server dies, or time runs out. */
final class Await {

    private Await() {
    }

    static void ready(ServerProcess process, Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw process.startFailure("exited before " + what);
            }
            if (System.nanoTime() > deadline) {
                process.stop();
                throw process.startFailure("no " + what + " within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.stop();
                throw process.startFailure("interrupted while waiting for " + what);
            }
        }
    }
}
