package dev.palisade.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that real servers make true asynchronously; fails with {@code what} on timeout. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
