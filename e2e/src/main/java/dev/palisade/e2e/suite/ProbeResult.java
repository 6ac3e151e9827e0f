package dev.palisade.e2e.suite;

import dev.palisade.e2e.scenario.Expect;
import dev.palisade.testkit.Reach;
import java.util.Optional;

/** A probe's expected result, what the packets did, and what {@code palisade simulate} said (when asked). */
public record ProbeResult(Expect expect, Reach observed, Optional<Boolean> simulated) {

    /** Blocked means dropped (no answer): a refused connection reached the host, so it is not blocked. */
    public boolean matches() {
        boolean seen = expect.reachable() ? observed == Reach.OPEN : observed == Reach.TIMEOUT;
        return seen
                && simulated.map(s -> s == expect.reachable()).orElse(true);
    }
}
