package dev.palisade.model.semantics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * One stage a packet passed: where (interface and the host endpoint governing it, if any), the outcome,
 * what settled it, and the Log rules it matched on the way.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Step(
        Stage stage,
        @JsonProperty("interface") String interfaceName,
        String hostEndpoint,
        Result result,
        Decision decision,
        List<Decision.PolicyRule> logged) {

    public Step {
        // absent when read back from JSON that leaves empty lists out
        logged = logged == null ? List.of() : List.copyOf(logged);
    }

    /** The outcome of one stage. */
    public enum Result {
        /** Accepted here; for raw and mangle, later ingress stages let it through. */
        ALLOW,
        /** Dropped here: the packet goes no further. */
        DENY,
        /** No verdict here; later stages decide. */
        CONTINUE,
        /** Not examined (already accepted, or not applicable). */
        SKIP;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
