package dev.palisade.driver.sync;

import java.time.Duration;

/** Retry delays after failed applies: doubling from {@code initial} up to {@code max}, reset by a success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    public Duration nextDelay() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    public void reset() {
        next = initial;
    }
}
