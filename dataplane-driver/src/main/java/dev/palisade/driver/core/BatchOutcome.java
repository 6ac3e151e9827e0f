package dev.palisade.driver.core;

import java.util.List;

/** What a node's barrier ends: a batch to enforce, or one that must not be applied because a record of it was unreadable. */
public sealed interface BatchOutcome {

    long revision();

    /** Every record of the batch was read: {@code state} is the node's desired state as of the barrier. */
    record Complete(NodeState state) implements BatchOutcome {
        @Override
        public long revision() {
            return state.revision();
        }
    }

    /** The batch ending at {@code revision} held records that could not be decoded; {@code errors} names each. */
    record Rejected(long revision, List<String> errors) implements BatchOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }

        public String summary() {
            return "batch of revision " + revision + " not applied: " + String.join("; ", errors);
        }
    }
}
