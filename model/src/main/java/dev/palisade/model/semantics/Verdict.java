package dev.palisade.model.semantics;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * The fate of a packet: allowed or denied, the step that settled it, and every step on the way. For a
 * denied packet {@code decidedBy} is the stage that dropped it; for an allowed one, the first stage that
 * accepted it (later stages only let it pass), or the last stage when none had a verdict.
 */
public record Verdict(Outcome verdict, Step decidedBy, List<Step> trace) {

    public Verdict {
        trace = List.copyOf(trace);
    }

    public enum Outcome {
        ALLOW, DENY;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean allowed() {
        return verdict == Outcome.ALLOW;
    }
}
